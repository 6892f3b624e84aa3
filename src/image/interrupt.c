/* The import's one piece of signal state: a flag the handler sets (DESIGN.md §3.10). */
#include "image/interrupt.h"

#include <signal.h>
#include <stddef.h>

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
        interrupted = sig;
}

void import_catch_signals(void)
{
        struct sigaction sa = {.sa_handler = on_signal}; /* no SA_RESTART: a blocked read returns */

        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGHUP, &sa, NULL);
}

bool import_interrupted(void)
{
        return interrupted != 0;
}
