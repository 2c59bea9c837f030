// libFuzzer target: map text -> routers and links, as the topology kind `file` reads a map.
// Each input is read as an Inet, an Orbis and a Rocketfuel map, first by the text checks
// alone (what a scenario is checked with), then with ns-3's reader (what the run builds
// from); the two must agree, both ways and on the routers, links and parts, and a map both
// accept is built into a network with three clients. Refusals are std::invalid_argument
// (bad input, exit status 2); anything else is a bug.
#include "models/network/map-topology.h"
#include "models/network/network.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ns3/simulator.h>
#include <optional>
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
        std::optional<ns3::gcsim::RouterMap> listed;
        std::optional<ns3::gcsim::RouterMap> read;
        try
        {
            listed = ns3::gcsim::CheckRouterMap(MapFile(), format);
        }
        catch (const std::invalid_argument&)
        {
        }
        try
        {
            read = ns3::gcsim::ReadRouterMap(MapFile(), format);
        }
        catch (const std::invalid_argument&)
        {
        }
        // Both ways: a map the text checks pass must be the map ns-3 reads (a scenario is
        // checked with them), and one the reader takes must pass them.
        if (listed.has_value() != read.has_value() ||
            (read && (read->names != listed->names || read->links != listed->links ||
                      read->part != listed->part || read->unlinkedNodes != listed->unlinkedNodes)))
        {
            std::fprintf(stderr, "%s: ns-3's reader and the text checks disagree (%s, %s)\n",
                         format, listed ? "checks accept" : "checks refuse",
                         read ? "reader accepts" : "reader refuses");
            std::abort();
        }
        if (read && read->names.size() <= 64)
        {
            ns3::gcsim::TopologyConfig config;
            config.kind = "file";
            config.mapFile = MapFile();
            config.mapFormat = format;
            config.clients = 3;
            ns3::Simulator::Destroy();
            try
            {
                ns3::gcsim::BuildNetwork(config);
            }
            catch (const std::invalid_argument&)
            {
            }
        }
        ns3::Simulator::Destroy(); // the reader's and the builder's nodes
    }
    return 0;
}
