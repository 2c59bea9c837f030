// libFuzzer target: map text -> routers and links, as the topology kind `file` reads a map.
// Each input is read as an Inet, an Orbis and a Rocketfuel map, first by the text checks
// alone (what a scenario is checked with), then with ns-3's reader (what the run builds
// from); a map both accept is built into a network with three clients. Refusals are
// std::invalid_argument (bad input, exit status 2); anything else is a bug.
#include "models/map-topology.h"
#include "models/network.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ns3/simulator.h>
#include <stdexcept>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

namespace
{

/// A file in memory the readers open by name: each input is written to it.
const std::string&
MapFile()
{
    static const std::string path = []
    {
        int fd = ::memfd_create("gcsim-fuzz-map", 0);
        if (fd < 0)
        {
            std::perror("memfd_create");
            std::abort();
        }
        return "/proc/self/fd/" + std::to_string(fd);
    }();
    return path;
}

void
WriteMap(const uint8_t* data, size_t size)
{
    int fd = std::stoi(MapFile().substr(MapFile().rfind('/') + 1));
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, data, size, 0) != static_cast<ssize_t>(size))
    {
        std::perror("writing the map");
        std::abort();
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    WriteMap(data, size);
    for (const char* format : {"inet", "orbis", "rocketfuel"})
    {
        bool textAccepted = false;
        ns3::gcsim::RouterMap listed;
        try
        {
            listed = ns3::gcsim::CheckRouterMap(MapFile(), format);
            textAccepted = true;
        }
        catch (const std::invalid_argument&)
        {
        }
        try
        {
            ns3::gcsim::RouterMap read = ns3::gcsim::ReadRouterMap(MapFile(), format);
            if (!textAccepted || read.names != listed.names || read.parts != listed.parts ||
                read.links.size() != listed.links.size())
            {
                std::fprintf(stderr, "%s: ns-3's reader and the text checks disagree\n", format);
                std::abort();
            }
            if (read.names.size() <= 64)
            {
                ns3::gcsim::TopologyConfig config;
                config.kind = "file";
                config.mapFile = MapFile();
                config.mapFormat = format;
                config.clients = 3;
                ns3::Simulator::Destroy();
                ns3::gcsim::BuildNetwork(config);
            }
        }
        catch (const std::invalid_argument&)
        {
        }
        ns3::Simulator::Destroy(); // the reader's and the builder's nodes
    }
    return 0;
}
