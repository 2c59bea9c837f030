// route-setup: one route set-up on the Inet map, gcsim's or the plain ns-3 program's, in a
// process of its own; prints its wall-clock seconds and a count (nodes or routes).
//
//     route-setup gcsim|plain SOURCE_DIR [KEY=VALUE]...
//
// gcsim's side takes overrides of the scenario as --set does: topology.routing_metric=delay.
// route-bench runs it. It is a program of its own because Debian's libbenchmark and
// libns3-topology-read carry incompatible copies of std::regex: a process that loads both
// aborts while topology-read initialises.

#include "models/network/network.h"
#include "plain-routes.h"
#include "scratch/gcsim/scenario.h"

#include <chrono>
#include <cstdio>
#include <ns3/node-list.h>
#include <ns3/simulator.h>
#include <string>
#include <vector>

int
main(int argc, char** argv)
{
    if (argc < 3)
    {
        std::fprintf(stderr, "usage: route-setup gcsim|plain SOURCE_DIR [KEY=VALUE]...\n");
        return 2;
    }
    // As the gcsim program does (main.cc): the resolution is final, and ns-3 stops keeping
    // a registry of every Time object built before it is.
    ns3::Time::SetResolution(ns3::Time::NS);
    std::string side = argv[1];
    std::string dir = argv[2];
    auto start = std::chrono::steady_clock::now();
    uint64_t count = 0;
    if (side == "gcsim")
    {
        gcsim::Scenario s = gcsim::LoadScenario(dir + "/scenarios/internet-map.toml",
                                                std::vector<std::string>(argv + 3, argv + argc));
        ns3::gcsim::TopologyConfig topology = s.topology;
        topology.members = s.group.members;
        topology.clientPairsArp = false; // as `gcsim run` builds it for every mode but overlay
        ns3::gcsim::Network network = ns3::gcsim::BuildNetwork(topology);
        count = ns3::NodeList::GetNNodes();
        ns3::Simulator::Destroy();
    }
    else if (side == "plain")
    {
        count = plainroutes::BuildAndRoute(dir + "/scenarios/maps/Inet_toposample.txt");
    }
    else
    {
        std::fprintf(stderr, "route-setup: no side %s\n", side.c_str());
        return 2;
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%.6f %llu\n", seconds, static_cast<unsigned long long>(count));
    return 0;
}
