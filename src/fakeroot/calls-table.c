/* The table of emulated calls. */
#include <sys/syscall.h>

#include "fakeroot/calls.h"
#include "util/missing.h"

const struct call_row fakeroot_calls[] = {
        {SYS_getuid, call_getid, -1},        {SYS_geteuid, call_getid, -1},
        {SYS_getgid, call_getid, -1},        {SYS_getegid, call_getid, -1},
        {SYS_getresuid, call_getresid, -1},  {SYS_getresgid, call_getresid, -1},
        {SYS_getgroups, call_getgroups, -1}, {SYS_setuid, call_setid, -1},
        {SYS_setgid, call_setid, -1},        {SYS_setreuid, call_setid, -1},
        {SYS_setregid, call_setid, -1},      {SYS_setresuid, call_setid, -1},
        {SYS_setresgid, call_setid, -1},     {SYS_setfsuid, call_setid, -1},
        {SYS_setfsgid, call_setid, -1},      {SYS_setgroups, call_setgroups, -1},
        {SYS_stat, call_stat, -1},           {SYS_lstat, call_stat, -1},
        {SYS_fstat, call_stat, -1},          {SYS_newfstatat, call_stat, -1},
        {SYS_statx, call_stat, -1},          {SYS_chown, call_chown, -1},
        {SYS_lchown, call_chown, -1},        {SYS_fchown, call_chown, -1},
        {SYS_fchownat, call_chown, -1},      {SYS_mknod, call_mknod, -1},
        {SYS_mknodat, call_mknod, -1},       {SYS_open, call_open, 1},
        {SYS_openat, call_open, 2},          {SYS_creat, call_create, -1},
        {SYS_mkdir, call_mkdir, -1},         {SYS_mkdirat, call_mkdir, -1},
        {SYS_execve, call_exec, -1},         {SYS_execveat, call_exec, -1},
        {SYS_chmod, call_chmod, -1},         {SYS_fchmod, call_chmod, -1},
        {SYS_fchmodat, call_chmod, -1},      {__NR_fchmodat2, call_chmod, -1},
};
const unsigned fakeroot_n_calls = sizeof fakeroot_calls / sizeof fakeroot_calls[0];
