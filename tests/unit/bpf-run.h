/* A small classic-BPF interpreter for the unit tests that run seccomp filters: what the kernel
 * does with a filter, minus the JIT, over a struct seccomp_data. */
#pragma once

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The filter's action for data, or 0xdead when it uses an instruction this runner lacks. */
static inline uint32_t bpf_run(const struct sock_filter *f, size_t n, const struct seccomp_data *d)
{
        uint32_t a = 0, x = 0, mem[BPF_MEMWORDS] = {0};

        for (size_t pc = 0; pc < n; pc++) {
                const struct sock_filter *i = &f[pc];
                uint32_t k = i->k, src;
                switch (i->code) {
                case BPF_LD | BPF_W | BPF_ABS:
                        if (k + 4 > sizeof *d)
                                return 0xdead;
                        memcpy(&a, (const char *)d + k, 4);
                        continue;
                case BPF_LD | BPF_MEM:
                        a = mem[k % BPF_MEMWORDS];
                        continue;
                case BPF_LDX | BPF_MEM:
                        x = mem[k % BPF_MEMWORDS];
                        continue;
                case BPF_ST:
                        mem[k % BPF_MEMWORDS] = a;
                        continue;
                case BPF_STX:
                        mem[k % BPF_MEMWORDS] = x;
                        continue;
                case BPF_ALU | BPF_AND | BPF_K:
                        a &= k;
                        continue;
                case BPF_MISC | BPF_TAX:
                        x = a;
                        continue;
                case BPF_MISC | BPF_TXA:
                        a = x;
                        continue;
                case BPF_RET | BPF_K:
                        return k;
                case BPF_RET | BPF_A:
                        return a;
                case BPF_JMP | BPF_JA:
                        pc += k;
                        continue;
                }
                if (BPF_CLASS(i->code) != BPF_JMP)
                        return 0xdead;
                src = BPF_SRC(i->code) == BPF_X ? x : k;
                bool t;
                switch (BPF_OP(i->code)) {
                case BPF_JEQ: t = a == src; break;
                case BPF_JGT: t = a > src; break;
                case BPF_JGE: t = a >= src; break;
                case BPF_JSET: t = (a & src) != 0; break;
                default: return 0xdead;
                }
                pc += t ? i->jt : i->jf;
        }
        return 0xdead;
}
