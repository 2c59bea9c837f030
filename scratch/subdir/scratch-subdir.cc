// A folder in scratch/, as in ns-3: the .cc files of scratch/NAME/ make one program,
// build/scratch/NAME.
#include "scratch-subdir-additional-header.h"

#include <iostream>
#include <ns3/core-module.h>

using namespace ns3;

int
main(int argc, char** argv)
{
    CommandLine cmd(__FILE__);
    cmd.Parse(argc, argv);
    std::cout << ScratchSubdirFunction() << '\n';
    Simulator::Destroy();
    return 0;
}
