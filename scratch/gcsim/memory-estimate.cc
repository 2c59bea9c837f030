#include "memory-estimate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

namespace gcsim
{

namespace
{

// Peak resident bytes of `gcsim run` (one mode, one message), from /usr/bin/time's maximum
// resident size over LANs of 1 and 20,000 clients, rings of 5,000 and 10,000 routers, a
// 50 x 100 grid and a fanout-4, depth-5 tree with a client on every leaf. The base and a
// host's bytes were measured again when listening clients stopped opening sockets
// (bench/scale.toml, broadcast, 1 message: 63,172 KiB at 1 client, 279,428 KiB at 20,000).
constexpr double kBaseBytes = 65e6;
constexpr double kHostBytes = 11.1e3;
constexpr double kRouterBytes = 4.6e3;
constexpr double kLinkBytes = 10.2e3;
constexpr double kRouteBytes = 48;

/**
 * The expected number of edges of a Waxman graph of \p n routers: every pair gets one with
 * probability alpha exp(-d / (beta sqrt 2)), d the distance of two uniform points of the
 * unit square. Their offset (x, y) has density (1 - |x|)(1 - |y|) on [-1, 1]^2; the mean
 * is taken by the midpoint rule over one quadrant.
 */
double
WaxmanEdges(uint64_t n, double alpha, double beta)
{
    constexpr int kSteps = 64;
    double sum = 0;
    for (int i = 0; i < kSteps; ++i)
    {
        double x = (i + 0.5) / kSteps;
        for (int j = 0; j < kSteps; ++j)
        {
            double y = (j + 0.5) / kSteps;
            sum += (1 - x) * (1 - y) * std::exp(-std::hypot(x, y) / (beta * std::sqrt(2.0)));
        }
    }
    double mean = 4 * sum / (kSteps * kSteps);
    return alpha * mean * (double(n) * double(n - 1) / 2);
}

/// Routers and links of a map file, from its header (Inet) or its size in lines.
void
CountMap(const std::string& file, const std::string& format, double& routers, double& links)
{
    std::ifstream in(file, std::ios::binary);
    if (format == "inet")
    {
        double nodes = 0;
        double count = 0;
        if (in >> nodes >> count)
        {
            routers = nodes;
            links = count;
        }
        return;
    }
    // Orbis and Rocketfuel weights: a link a line; Rocketfuel maps: a router a line, each
    // link listed at both of its ends as <uid>.
    double lines = 0;
    double neighbours = 0;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0)
    {
        const char* end = buffer + in.gcount();
        lines += double(std::count(static_cast<const char*>(buffer), end, '\n'));
        neighbours += double(std::count(static_cast<const char*>(buffer), end, '<'));
    }
    routers = lines + 1;
    links = std::max(lines + 1, neighbours / 2);
}

} // namespace

MemoryEstimate
EstimateMemory(const ns3::gcsim::TopologyConfig& t)
{
    double hosts = double(t.clients) + 1;
    double routers = 0;
    double links = 1; // P1's link, or the one LAN
    double subnets = 0;
    std::string sizeKey = "topology.clients";
    auto accessLans = [&](double candidates)
    {
        return t.accessRouters.empty() ? std::min(double(t.clients), candidates)
                                       : double(t.accessRouters.size());
    };
    if (t.kind == "star")
    {
        routers = 1; // the switch
        links = hosts;
    }
    else if (t.kind == "tree")
    {
        double leaves = 1;
        routers = 1;
        for (uint32_t d = 0; d < t.depth; ++d)
        {
            leaves *= t.fanout;
            routers += leaves;
        }
        links = (routers - 1) + 1 + leaves;
        subnets = leaves + 1;
        sizeKey = "topology.depth";
    }
    else if (t.kind == "dumbbell")
    {
        routers = 2;
        links = 1 + 1 + 2;
        subnets = 3;
    }
    else if (t.kind == "ring" || t.kind == "grid" || t.kind == "waxman" || t.kind == "file")
    {
        double core = 0;
        if (t.kind == "ring")
        {
            routers = t.routers;
            core = routers;
            sizeKey = "topology.routers";
        }
        else if (t.kind == "grid")
        {
            routers = double(t.rows) * t.columns;
            core = double(t.rows) * (t.columns - 1) + double(t.columns) * (t.rows - 1);
            sizeKey = "topology.rows";
        }
        else if (t.kind == "waxman")
        {
            routers = t.routers;
            core = WaxmanEdges(t.routers, t.waxmanAlpha, t.waxmanBeta) + (routers - 1);
            sizeKey = "topology.routers";
        }
        else
        {
            CountMap(t.mapFile, t.mapFormat, routers, core);
            sizeKey = "topology.map";
        }
        double lans = accessLans(routers);
        links = core + 1 + lans;
        subnets = lans + 1;
    }
    MemoryEstimate e;
    double routes = routers * subnets;
    double hostBytes = hosts * kHostBytes;
    double networkBytes = routers * kRouterBytes + links * kLinkBytes + routes * kRouteBytes;
    double bytes = kBaseBytes + hostBytes + networkBytes;
    auto whole = [](double v) { return static_cast<uint64_t>(std::min(v, 1e19)); };
    e.hosts = whole(hosts);
    e.routers = whole(routers);
    e.links = whole(links);
    e.routes = whole(routes);
    e.bytes = whole(bytes);
    e.key = hostBytes >= networkBytes ? "topology.clients" : sizeKey;
    return e;
}

std::string
MemoryEstimateBasis()
{
    char text[160];
    std::snprintf(text, sizeof text,
                  "about %.1f kB a host, %.1f kB a router, %.1f kB a link, %.0f bytes a route, "
                  "plus %.0f MB",
                  kHostBytes / 1e3, kRouterBytes / 1e3, kLinkBytes / 1e3, kRouteBytes,
                  kBaseBytes / 1e6);
    return text;
}

uint64_t
AvailableMemory()
{
    long pages = ::sysconf(_SC_PHYS_PAGES);
    long pageSize = ::sysconf(_SC_PAGE_SIZE);
    uint64_t physical = pages > 0 && pageSize > 0 ? uint64_t(pages) * uint64_t(pageSize) : 0;
    // A container's limit (cgroup v2, then v1) is what the process can really have.
    for (const char* limitFile :
         {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"})
    {
        std::ifstream in(limitFile);
        unsigned long long limit = 0;
        if (in >> limit && limit > 0 && (physical == 0 || limit < physical))
        {
            physical = limit;
        }
    }
    return physical;
}

std::string
MemoryText(uint64_t bytes)
{
    char text[64];
    if (bytes >= 1e12)
    {
        std::snprintf(text, sizeof text, "%.0f GB", double(bytes) / 1e9);
    }
    else if (bytes >= 1e9)
    {
        std::snprintf(text, sizeof text, "%.1f GB", double(bytes) / 1e9);
    }
    else
    {
        std::snprintf(text, sizeof text, "%.0f MB", double(bytes) / 1e6);
    }
    return text;
}

// tcmalloc's C interface, when the program links it (gcsim does; the tests need not).
extern "C" int MallocExtension_GetNumericProperty(const char* property, size_t* value)
    __attribute__((weak));

HeapUse
CurrentHeapUse()
{
    HeapUse use;
    size_t bytes = 0;
    if (MallocExtension_GetNumericProperty != nullptr &&
        MallocExtension_GetNumericProperty("generic.current_allocated_bytes", &bytes))
    {
        use.heapBytes = bytes;
    }
    else
    {
        struct mallinfo2 info = mallinfo2();
        use.heapBytes = info.uordblks + info.hblkhd;
    }
    struct rusage usage
    {
    };
    if (getrusage(RUSAGE_SELF, &usage) == 0)
    {
        use.peakRss = uint64_t(usage.ru_maxrss) * 1024;
    }
    return use;
}

} // namespace gcsim
