/* What the default filter refuses, and the named groups. The default list follows what
 * systemd-nspawn leaves out of its allow list: calls that change the host kernel or clock,
 * reach other users' keys, or escape through handles, none of which a container needs. */
#include "seccomp/policy.h"

#include <seccomp.h>
#include <string.h>

#define LIST(...)                                                                                                      \
        (const char *const[])                                                                                          \
        {                                                                                                              \
                __VA_ARGS__, NULL                                                                                      \
        }

const char *const seccomp_default_deny[] = {
        "kexec_load",
        "kexec_file_load",
        "init_module",
        "finit_module",
        "delete_module",
        "swapon",
        "swapoff",
        "keyctl",
        "add_key",
        "request_key",
        "bpf",
        "perf_event_open",
        "acct",
        "iopl",
        "ioperm",
        "lookup_dcookie",
        "open_by_handle_at",
        "quotactl",
        "quotactl_fd",
        "settimeofday",
        "clock_settime",
        "adjtimex",
        "clock_adjtime",
        "syslog",
        "vhangup",
        "uselib",
        "userfaultfd",
        "nfsservctl",
        "pciconfig_read",
        "pciconfig_write",
        "create_module",
        "get_kernel_syms",
        "query_module",
        "afs_syscall",
        "vm86",
        "vm86old",
        "stime",
        "fanotify_init",
        NULL,
};

const struct syscall_group seccomp_groups[] = {
        {"@clock", LIST("adjtimex", "clock_adjtime", "clock_settime", "settimeofday", "stime")},
        {"@cpu-emulation", LIST("modify_ldt", "subpage_prot", "switch_endian", "vm86", "vm86old")},
        {"@debug", LIST("lookup_dcookie", "perf_event_open", "pidfd_getfd", "process_vm_readv", "process_vm_writev",
                        "ptrace", "rtas", "s390_runtime_instr", "sys_debug_setcontext")},
        {"@keyring", LIST("add_key", "keyctl", "request_key")},
        {"@module", LIST("delete_module", "finit_module", "init_module")},
        {"@mount", LIST("chroot", "fsconfig", "fsmount", "fsopen", "fspick", "mount", "mount_setattr", "move_mount",
                        "open_tree", "pivot_root", "umount", "umount2")},
        {"@obsolete",
         LIST("_sysctl", "afs_syscall", "bdflush", "break", "create_module", "ftime", "get_kernel_syms", "getpmsg",
              "gtty", "idle", "lock", "mpx", "prof", "profil", "putpmsg", "query_module", "security", "sgetmask",
              "ssetmask", "stty", "sysfs", "tuxcall", "ulimit", "uselib", "ustat", "vserver")},
        {"@raw-io", LIST("ioperm", "iopl", "pciconfig_iobase", "pciconfig_read", "pciconfig_write",
                         "s390_pci_mmio_read", "s390_pci_mmio_write")},
        {"@reboot", LIST("kexec_file_load", "kexec_load", "reboot")},
        {"@swap", LIST("swapoff", "swapon")},
        {"@resources",
         LIST("ioprio_set", "mbind", "migrate_pages", "move_pages", "nice", "sched_setaffinity", "sched_setattr",
              "sched_setparam", "sched_setscheduler", "set_mempolicy", "setpriority", "setrlimit", "prlimit64")},
        {"@privileged",
         LIST("@clock", "@module", "@raw-io", "@reboot", "@swap", "acct", "bpf", "capset", "chroot", "fanotify_init",
              "nfsservctl", "open_by_handle_at", "pivot_root", "quotactl", "setdomainname", "setfsuid", "setgroups",
              "sethostname", "setresuid", "setreuid", "setuid", "swapoff", "swapon", "_sysctl", "vhangup")},
};

const size_t seccomp_n_groups = sizeof seccomp_groups / sizeof seccomp_groups[0];

const struct syscall_group *seccomp_group_find(const char *name)
{
        for (size_t i = 0; i < seccomp_n_groups; i++)
                if (strcmp(seccomp_groups[i].name, name) == 0)
                        return &seccomp_groups[i];
        return NULL;
}

bool syscall_filter_entry_is_valid(const char *entry)
{
        if (entry[0] == '@')
                return seccomp_group_find(entry) != NULL;
        return seccomp_syscall_resolve_name(entry) != __NR_SCMP_ERROR;
}
