/* The guest's host name without a UTS namespace (see uts.c). */
#pragma once

#include "trace/table.h"

/* Write hostname (and the host's domain name) to files in tt's directory and add the rows for
 * /proc/sys/kernel/{hostname,domainname}; *ret_file is the host name's file, for the tracer. */
int trace_uts_setup(struct trace_table *tt, const char *hostname, const char **ret_file);
