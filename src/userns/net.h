/* Network setup inside the container's own network namespace. */
#pragma once

/* Bring the loopback interface up (a new network namespace starts with it down). */
int loopback_up(void);
