#include "run-estimate.h"

#include "scenario.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gcsim
{

namespace
{

// Measured on `gcsim run` of LANs of 2,000 to 20,000 clients and the shipped scenarios
// (--timings), see RunEstimate.
constexpr double kHostSeconds = 92e-6;       // build, applications, trackers, teardown per host
constexpr double kRouterSeconds = 50e-6;     // the same per router
constexpr double kRouteSeconds = 0.2e-6;     // per unicast route set up
constexpr double kDeviceSeconds = 0.375e-6;  // a frame handed to one device
constexpr double kStackSeconds = 7.6e-6;     // a datagram up a host's stack, tracked
constexpr double kRowBytes = 62;             // a deliveries.csv row
constexpr double kCaptureOverhead = 16 + 58; // pcap record header, Ethernet + IP + UDP

/// The shape of a network as the estimate needs it.
struct Shape
{
    double clients{0};
    double hops{1};   //!< links on an average path from P1 to a client
    double lans{1};   //!< client LANs
    double perLan{1}; //!< clients on one LAN
    double links{1};  //!< every link and LAN
    bool routed{false};
};

Shape
ShapeOf(const Scenario& s, const MemoryEstimate& memory)
{
    const auto& t = s.topology;
    Shape shape;
    shape.clients = t.clients;
    shape.links = std::max<double>(1, memory.links);
    double routers = memory.routers;
    if (t.kind == "lan" || t.kind == "p2p")
    {
        shape.perLan = t.clients;
        return shape;
    }
    if (t.kind == "star")
    {
        shape.hops = 2;
        shape.lans = t.clients;
        return shape;
    }
    shape.routed = true;
    if (t.kind == "tree")
    {
        shape.hops = t.depth + 2;
        shape.lans = std::pow(double(t.fanout), double(t.depth));
    }
    else if (t.kind == "dumbbell")
    {
        shape.hops = 3;
        shape.lans = 2;
    }
    else
    {
        double core = t.kind == "ring"   ? routers / 4
                      : t.kind == "grid" ? (double(t.rows) + t.columns) / 3
                                         : std::log2(std::max(2.0, routers));
        shape.hops = core + 2;
        shape.lans = t.accessRouters.empty() ? std::min<double>(t.clients, routers)
                                             : double(t.accessRouters.size());
    }
    shape.perLan = double(t.clients) / std::max(1.0, shape.lans);
    return shape;
}

/// Frames handed to devices and datagrams up stacks, per message of one mode.
struct Work
{
    double devices{0};
    double stacks{0};
    double destinations{0};
};

Work
WorkOf(const std::string& mode, const Shape& n, double group)
{
    Work w;
    bool toAll = mode == "broadcast";
    w.destinations = mode == "unicast" ? 1 : toAll ? n.clients : group;
    w.stacks = toAll ? n.clients : w.destinations;
    // Copies P1 or the members make (one datagram each) and the LAN frames they end in.
    double copies = mode == "replicated-unicast" || mode == "overlay" ? w.destinations : 1;
    if (!n.routed)
    {
        double perFrame = n.lans > 1 ? 2 : n.perLan + 1; // a star port, or the whole LAN
        double frames = n.lans > 1 && mode != "unicast" && mode != "replicated-unicast"
                            ? 1 + w.destinations // up to the switch, out to each port
                            : copies * n.hops;
        w.devices = frames * perFrame;
        return w;
    }
    double lanFrames = mode == "unicast" ? 1
                       : copies > 1      ? copies
                       : toAll           ? n.lans
                                         : std::min(group, n.lans);
    double coreFrames = toAll ? n.links : std::min(copies * n.hops, n.links);
    w.devices = coreFrames * 2 + lanFrames * (n.perLan + 1);
    return w;
}

} // namespace

RunEstimate
EstimateRun(const Scenario& s)
{
    RunEstimate e;
    e.memory = EstimateMemory(s.topology);
    Shape shape = ShapeOf(s, e.memory);
    double messages = s.traffic.messages; // written to deliveries.csv
    if (s.ordering.given)
    {
        messages *= std::max<std::size_t>(1, s.ordering.senders.size());
    }
    // Groups 2..G and the extra senders load the network as many more messages do.
    double simulated = messages * s.groups.count * s.groups.sendersPerGroup;
    if (s.traffic.pattern == "throughput")
    {
        // Doubling from rate_min to rate_max, then bisection down to rate_precision, then the
        // reported rate once more with the sinks.
        double doublings =
            std::ceil(std::log2(std::max(1.0, s.traffic.rateMax / s.traffic.rateMin)));
        double halvings = std::ceil(std::log2(1 / s.traffic.ratePrecision));
        simulated *= doublings + halvings + 1;
    }
    double group = std::max<double>(1, s.group.members.size());
    double setup = 0;
    double simulate = 0;
    double pcapBytes = 0;
    for (const auto& label : s.Runs())
    {
        Work w = WorkOf(s.RunOf(label).mode, shape, group);
        setup += double(e.memory.hosts) * kHostSeconds + double(e.memory.routers) * kRouterSeconds +
                 double(e.memory.routes) * kRouteSeconds;
        simulate += simulated * (w.devices * kDeviceSeconds + w.stacks * kStackSeconds);
        e.deliveries += messages * w.destinations;
        if (s.output.pcap)
        {
            pcapBytes += messages * w.devices * (s.traffic.size + kCaptureOverhead);
        }
    }
    e.seconds = setup + simulate;
    e.outputBytes =
        e.deliveries * kRowBytes + pcapBytes +
        double(s.Runs().size()) * (double(e.memory.links) * 40 + double(e.memory.hosts) * 100);
    e.timeKey = simulate >= setup ? "traffic.messages" : e.memory.key;
    return e;
}

std::string
DurationText(double seconds)
{
    char text[64];
    if (seconds < 1)
    {
        return "under a second";
    }
    if (seconds < 120)
    {
        std::snprintf(text, sizeof text, "about %.0f s", seconds);
    }
    else if (seconds < 7200)
    {
        std::snprintf(text, sizeof text, "about %.0f minutes", seconds / 60);
    }
    else if (seconds < 4 * 86400)
    {
        std::snprintf(text, sizeof text, "about %.1f hours", seconds / 3600);
    }
    else
    {
        std::snprintf(text, sizeof text, "about %.3g days", seconds / 86400);
    }
    return text;
}

std::string
EstimateLine(const RunEstimate& e)
{
    auto bytes = [](double b)
    {
        char text[32];
        std::snprintf(text, sizeof text, b < 1e6 ? "%.0f kB" : "%.3g MB",
                      b / (b < 1e6 ? 1e3 : 1e6));
        return b >= 1e9 ? MemoryText(static_cast<uint64_t>(std::min(b, 1e19))) : std::string(text);
    };
    return "estimated: about " + MemoryText(e.memory.bytes) + " of memory, " +
           DurationText(e.seconds) + " of wall-clock time, " + bytes(e.outputBytes) + " of results";
}

} // namespace gcsim
