// A program dropped into scratch/, as in ns-3: scratch/NAME.cc is built into build/scratch/NAME
// against gcsim's models with no CMakeLists edit. Copy it to start your own.
#include "gcsim/network/network.h"

#include <iostream>
#include <ns3/core-module.h>

using namespace ns3;

int
main(int argc, char** argv)
{
    CommandLine cmd(__FILE__);
    cmd.Parse(argc, argv);

    gcsim::TopologyConfig config;
    config.kind = "lan";
    config.clients = 2;
    gcsim::Network network = gcsim::BuildNetwork(config);
    std::cout << "Scratch Simulator: " << network.ClientCount() << " clients and P1 ("
              << network.serverAddress << ") on " << network.links.at(0).name << '\n';

    Simulator::Run();
    Simulator::Destroy();
    return 0;
}
