/* What the trace backend tells uspawn-loader (src/loader/), shared by both sides: the loader's
 * first system call is readlink(LOADER_REQUEST, buf, size), which the tracer answers, for a
 * process it has just made execute the loader, with a script: this header, then the strings.
 * No libc types here: the loader is freestanding. */
#pragma once

#define LOADER_REQUEST "/.uspawn-loader/script" /* never a guest path: the tracer answers it */
#define LOADER_MAGIC 0x7573706cU                /* "uspl" */
#define LOADER_SCRIPT_MAX 16384

struct loader_script {
        unsigned magic;
        unsigned size;    /* of the whole script, strings included */
        unsigned program; /* offset of the program's guest path (opened through the tracer) */
        unsigned interp;  /* offset of its PT_INTERP's guest path, 0 for a static program */
        unsigned name;    /* offset of the process name (comm) the kernel would have given */
        unsigned reserved;
};
