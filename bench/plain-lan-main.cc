// plain-lan: the plain ns-3 program of plain-lan.cc as a process of its own, for
// whole-process timing next to `gcsim run` (bench/scale.sh).
//
//     plain-lan MODE CLIENTS MESSAGES
//
// prints the number of datagrams the receiving sockets got.

#include "plain-lan.h"

#include <cstdlib>
#include <iostream>
#include <string>

int
main(int argc, char** argv)
{
    if (argc != 4)
    {
        std::cerr << "usage: plain-lan MODE CLIENTS MESSAGES\n";
        return 2;
    }
    uint64_t deliveries = plainlan::RunPlainLan(argv[1], std::stoul(argv[2]), std::stoul(argv[3]));
    std::cout << deliveries << '\n';
    return 0;
}
