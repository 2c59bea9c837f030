// gcsim: the command. See README.md, or run `gcsim --help`.
#include "scratch/gcsim/cli/command.h"

#include <iostream>
#include <ns3/nstime.h>

int
main(int argc, char** argv)
{
    ns3::Time::SetResolution(ns3::Time::NS);
    return gcsim::Main(argc, argv, std::cout, std::cerr);
}
