/* Unit tests for id map decisions: a subordinate range when pick can use one, the single
 * mapping (with its reason) otherwise, and the text written to /proc/PID/uid_map. */
#include <string.h>

#include "userns/idmap.h"
#include "unit.h"

int main(void)
{
        struct subid_range range = {100000, 65536}, none = {0, 0};
        struct idmaps m;
        char buf[128];

        idmaps_compute(PRIVATE_USERS_PICK, 1001, 1002, &range, &range, true, &m);
        idmap_format(&m.uid, buf, sizeof buf);
        check(m.use_helpers && !m.why_single && strcmp(buf, "0 1001 1\n1 100000 65535\n") == 0,
              "pick with a range maps root to the user and 1..65535 to the range");
        idmap_format(&m.gid, buf, sizeof buf);
        check(strcmp(buf, "0 1002 1\n1 100000 65535\n") == 0, "gid map uses the gid");
        check(idmap_contains(&m.uid, 0) && idmap_contains(&m.uid, 1000) && idmap_contains(&m.uid, 65535) &&
                      !idmap_contains(&m.uid, 65536),
              "range contains 0..65535 only");

        idmaps_compute(PRIVATE_USERS_PICK, 1001, 1002, &none, &none, true, &m);
        idmap_format(&m.uid, buf, sizeof buf);
        check(!m.use_helpers && m.why_single && strstr(m.why_single, "subuid") && strcmp(buf, "0 1001 1\n") == 0,
              "pick without a range falls back to root only, saying why");
        check(idmap_contains(&m.uid, 0) && !idmap_contains(&m.uid, 1), "single mapping contains only root");

        idmaps_compute(PRIVATE_USERS_PICK, 1001, 1002, &range, &range, false, &m);
        check(!m.use_helpers && m.why_single && strstr(m.why_single, "uidmap"), "pick without newuidmap says so");

        idmaps_compute(PRIVATE_USERS_SELF, 1001, 1002, &range, &range, true, &m);
        check(!m.use_helpers && !m.why_single && m.uid.n == 1, "self always maps root only, silently");

        struct subid_range small = {500000, 1000};
        idmaps_compute(PRIVATE_USERS_PICK, 1001, 1002, &small, &small, true, &m);
        idmap_format(&m.uid, buf, sizeof buf);
        check(strcmp(buf, "0 1001 1\n1 500000 1000\n") == 0, "a small range maps only what it has");
        return unit_exit();
}
