/* The container's console: a pseudo-terminal whose slave becomes /dev/console inside and whose
 * master the supervisor relays to the user's terminal. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <termios.h>

struct console {
        int master; /* -EBADF when the console is a pipe */
        char slave[64];
        bool relay_input;  /* interactive */
        bool relay_output; /* interactive, read-only */
        bool raw;          /* the user's terminal is in raw mode and must be restored */
        struct termios saved;
        unsigned escape_count; /* ^] presses in the current one-second window */
        long long escape_window_start_ms;
};

/* Allocate the pty (for every mode but pipe), sized like the user's terminal. */
int console_open(struct console *c, bool relay_input, bool relay_output);
/* Put the user's terminal in raw mode (interactive only, when stdin is a terminal). */
void console_enter_raw(struct console *c);
void console_restore(struct console *c);
void console_sync_size(struct console *c);
/* Move what stdin has to the pty. Returns 1 when ^] was pressed three times within a second
 * (the user wants the container gone), 0 otherwise, -errno on error, -EPIPE at end of input. */
int console_forward_input(struct console *c);
/* Move what the pty has to stdout (or discard it when output is not relayed). Returns 0, or
 * -EIO once every slave is closed. */
int console_forward_output(struct console *c);
void console_close(struct console *c);
