/* Unit tests for the registry's JSON: a record round-trips, the network facts included, and a
 * record written before they existed still reads (backward compatible). */
#include <string.h>
#include <talloc.h>

#include "registry.h"
#include "unit.h"

int main(void)
{
        void *ctx = talloc_new(NULL);
        char *addresses[] = {"192.0.2.2/24", "fd00::2/64", NULL}, *ports[] = {"tcp:8080:80", NULL};
        struct machine_record m = {.name = "web", .leader = 10, .supervisor = 9, .root = "/r", .backend = "userns",
                                   .network = "veth", .network_helper = "pasta", .interface = "host0",
                                   .addresses = addresses, .ports = ports};
        struct machine_record back;
        const char *old = "{\"name\": \"old\", \"root\": \"/r\", \"leader\": 5, \"supervisor\": 4}";

        check(registry_from_json(ctx, registry_to_json(ctx, &m), &back) == 0, "a record round-trips");
        check(back.network && strcmp(back.network, "veth") == 0 && strcmp(back.network_helper, "pasta") == 0 &&
                      strcmp(back.interface, "host0") == 0,
              "network, helper and interface kept");
        check(back.addresses && strcmp(back.addresses[1], "fd00::2/64") == 0 && !back.addresses[2],
              "addresses kept in order");
        check(back.ports && strcmp(back.ports[0], "tcp:8080:80") == 0 && !back.ports[1], "ports kept");
        check(registry_from_json(ctx, old, &back) == 0 && !back.network && !back.addresses && !back.ports,
              "a record without network facts reads, with none");
        talloc_free(ctx);
        return unit_exit();
}
