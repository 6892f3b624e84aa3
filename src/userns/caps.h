/* The capability bounding set of the container: nspawn's default keep list, adjusted by
 * --capability and --drop-capability. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

uint64_t caps_default_keep(bool private_network);
uint64_t caps_compute(uint64_t add, uint64_t drop, bool private_network);
/* Drop every capability not in keep from the bounding set. */
int caps_apply_bounding_set(uint64_t keep);
