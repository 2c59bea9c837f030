// Counting the routers' multicast forwarding state per routing variant: what a router would
// hold in the protocol the variant stands for, read from the routes gcsim installed (or from
// dense mode's own state).

#include "forwarding-state.h"

#include <algorithm>
#include <map>
#include <ns3/log.h>
#include <set>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimForwardingState");

void
ForwardingState::Add(std::size_t router, std::size_t group, uint64_t e, uint64_t i)
{
    entries.resize(std::max(entries.size(), router + 1));
    interfaces.resize(entries.size());
    groups.resize(std::max(groups.size(), group + 1));
    entries[router] += e;
    interfaces[router] += i;
    groups[group].routers += e > 0;
    groups[group].entries += e;
    groups[group].interfaces += i;
}

ForwardingState::Totals
ForwardingState::Sum() const
{
    Totals t;
    t.routers = entries.size();
    for (std::size_t r = 0; r < entries.size(); ++r)
    {
        t.routersWithState += entries[r] > 0;
        t.entries += entries[r];
        t.interfaces += interfaces[r];
        t.entriesMax = std::max(t.entriesMax, entries[r]);
        t.interfacesMax = std::max(t.interfacesMax, interfaces[r]);
    }
    return t;
}

ForwardingState
CountForwardingState(MulticastRouting variant, const Network& network,
                     const std::vector<Ipv4Address>& groups)
{
    NS_LOG_FUNCTION(variant << groups.size());
    MulticastState rule = MulticastStateOf(variant);
    ForwardingState state;
    state.entries.assign(network.routers.GetN(), 0);
    state.interfaces.assign(network.routers.GetN(), 0);
    state.groups.resize(groups.size());
    if (rule == MulticastState::NONE || rule == MulticastState::PROTOCOL)
    {
        return state; // a flood holds nothing per group; dense mode counts its own
    }
    for (uint32_t r = 0; r < network.routers.GetN(); ++r)
    {
        uint32_t node = network.routers.Get(r)->GetId();
        for (std::size_t g = 0; g < groups.size(); ++g)
        {
            auto routes = MulticastRoutesOn(node, groups[g]);
            if (routes.empty())
            {
                continue;
            }
            if (rule == MulticastState::PER_SOURCE)
            {
                uint64_t interfaces = 0;
                for (const auto& route : routes)
                {
                    interfaces += route.outputs.size();
                }
                state.Add(r, g, routes.size(), interfaces);
                continue;
            }
            std::set<uint32_t> outputs; // (*, G): one entry, every sender's outputs
            for (const auto& route : routes)
            {
                outputs.insert(route.outputs.begin(), route.outputs.end());
            }
            state.Add(r, g, 1, outputs.size());
        }
    }
    return state;
}

ForwardingState
CountForwardingState(const Network& network, const std::vector<Ptr<DenseMode>>& groups)
{
    NS_LOG_FUNCTION(groups.size());
    std::map<uint32_t, std::size_t> index; // node id -> router index
    for (uint32_t r = 0; r < network.routers.GetN(); ++r)
    {
        index[network.routers.Get(r)->GetId()] = r;
    }
    ForwardingState state;
    state.entries.assign(network.routers.GetN(), 0);
    state.interfaces.assign(network.routers.GetN(), 0);
    state.groups.resize(groups.size());
    for (std::size_t g = 0; g < groups.size(); ++g)
    {
        for (const auto& router : groups[g]->ForwardingState())
        {
            if (router.entries > 0)
            {
                state.Add(index.at(router.router), g, router.entries, router.interfaces);
            }
        }
    }
    return state;
}

} // namespace gcsim
} // namespace ns3
