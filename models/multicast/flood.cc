// Multicast routing variant `flood`: every router forwards the group's packets on every
// interface but the one they came in on, with no pruning. Routers drop the copies they
// have already forwarded (ns-3's duplicate packet detection, on for every router of a
// routed network), so a flood on a graph with cycles still ends.

#include "flood.h"

#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimFlood");

MulticastRoutes
InstallFlood(const Network& network, const RoutingGraph& graph, const MulticastGroup& group)
{
    NS_LOG_FUNCTION_NOARGS();
    MulticastRoutes installed;
    for (uint32_t r = 0; r < network.routers.GetN(); ++r)
    {
        uint32_t router = network.routers.Get(r)->GetId();
        const auto& attachments = graph.Attachments(router);
        for (const auto& in : attachments)
        {
            std::vector<uint32_t> outputs;
            for (const auto& out : attachments)
            {
                if (out.interface != in.interface)
                {
                    outputs.push_back(out.interface);
                }
            }
            if (!outputs.empty())
            {
                AddMulticastRoute(router, group, in.interface, outputs);
                ++installed.routes;
            }
        }
        installed.routers.push_back(router);
    }
    return installed;
}

} // namespace gcsim
} // namespace ns3
