// Row "failures": [[failures]]'s links and routers going down and up. At an event's instant
// every receiver on the link (every device of the router) starts losing (stops losing) each
// frame; `reconvergence` later routing has caught up: unicast routes are computed again
// without (with) it, the group's multicast routes are installed again from them (the shared
// tree keeps its rendezvous router unless that failed; a scenario's own comes back with its
// router), and dense mode takes its RPF
// interfaces from them and grafts towards a new upstream router. Flooding needs nothing:
// it already forwards on every link that works. Collects what each event cost.
#include "models/network/link-failure.h"
#include "models/network/shortest-path-routing.h"
#include "models/stats/failure-tracker.h"
#include "run-feature.h"

#include <ns3/log.h>
#include <ns3/node-list.h>
#include <ns3/simulator.h>

namespace gcsim
{
namespace
{

using namespace ns3;
using namespace ns3::gcsim;

NS_LOG_COMPONENT_DEFINE("GcsimFailures");

/// What one failure entry takes down: links of the network, or a router's node id.
struct FailureTarget
{
    std::vector<uint32_t> links; //!< a link failure: the links between its two routers
    int64_t node{-1};            //!< a router failure: its node id
};

/// The links between routers \p a and \p b (indices), each with exactly those two ends.
std::vector<uint32_t>
LinksBetween(const Network& network, uint32_t a, uint32_t b)
{
    uint32_t na = network.routers.Get(a)->GetId();
    uint32_t nb = network.routers.Get(b)->GetId();
    std::vector<uint32_t> links;
    for (uint32_t l = 0; l < network.links.size(); ++l)
    {
        const auto& ends = network.links[l].ends;
        if (ends.size() == 2 &&
            ((ends[0]->GetNode()->GetId() == na && ends[1]->GetNode()->GetId() == nb) ||
             (ends[0]->GetNode()->GetId() == nb && ends[1]->GetNode()->GetId() == na)))
        {
            links.push_back(l);
        }
    }
    return links;
}

/// The routers router \p a has a link to, as "R2, R4".
std::string
NeighboursOf(const Network& network, uint32_t a)
{
    std::string names;
    uint32_t na = network.routers.Get(a)->GetId();
    for (const Link& link : network.links)
    {
        if (link.ends.size() != 2)
        {
            continue;
        }
        for (std::size_t e = 0; e < 2; ++e)
        {
            Ptr<Node> other = link.ends[1 - e]->GetNode();
            if (link.ends[e]->GetNode()->GetId() == na &&
                network.NodeName(other->GetId()).rfind('R', 0) == 0)
            {
                names += (names.empty() ? "" : ", ") + network.NodeName(other->GetId());
            }
        }
    }
    return names.empty() ? "none" : names;
}

FailureTarget
Resolve(const Scenario::Failure& f, const Network& network)
{
    FailureTarget target;
    if (f.link.empty())
    {
        target.node = network.routers.Get(static_cast<uint32_t>(f.router))->GetId();
        return target;
    }
    auto dash = f.link.find('-');
    auto a = static_cast<uint32_t>(std::stoul(f.link.substr(1, dash - 1)));
    auto b = static_cast<uint32_t>(std::stoul(f.link.substr(dash + 2)));
    target.links = LinksBetween(network, a, b);
    if (target.links.empty())
    {
        throw InputError(f.where, f.key,
                         "there is no link between R" + std::to_string(a) + " and R" +
                             std::to_string(b) + "; R" + std::to_string(a) +
                             " has links to: " + NeighboursOf(network, a));
    }
    return target;
}

class FailuresFeature : public RunFeature
{
public:
    bool Applies(const RunContext& run) const override
    {
        return !run.s.failures.empty();
    }

    void Routes(RunContext& run) override
    {
        std::vector<FailureEventCounts> events;
        for (const auto& f : run.s.failures)
        {
            FailureTarget target = Resolve(f, run.network);
            std::vector<Ptr<LinkFailure>> receivers;
            for (uint32_t l : target.links)
            {
                for (const auto& device : run.network.links[l].ends)
                {
                    receivers.push_back(Wrap(device));
                }
            }
            if (target.node >= 0)
            {
                Ptr<Node> router = NodeList::GetNode(static_cast<uint32_t>(target.node));
                for (const Link& link : run.network.links)
                {
                    for (const auto& device : link.ends)
                    {
                        if (device->GetNode() == router)
                        {
                            receivers.push_back(Wrap(device));
                        }
                    }
                }
            }
            Simulator::Schedule(f.at,
                                [receivers, down = f.down]
                                {
                                    for (const auto& r : receivers)
                                    {
                                        r->SetDown(down);
                                    }
                                });
            Simulator::Schedule(f.at + f.reconvergence,
                                [&run, target, down = f.down] { Reconverge(run, target, down); });
            events.push_back(
                {f.What(), f.at.GetNanoSeconds(), (f.at + f.reconvergence).GetNanoSeconds()});
        }
        m_tracker = std::make_unique<FailureTracker>(std::move(events));
    }

    void Collectors(RunContext& run) override
    {
        m_tracker->Attach(run.server, run.clients);
    }

    void Collect(RunContext&, ModeResult& result) override
    {
        uint64_t lost = 0;
        for (const auto& [device, failure] : m_receivers)
        {
            lost += failure->GetLost();
        }
        result.failures = m_tracker->Finish(lost);
    }

private:
    /// The LinkFailure of \p device, made once however many entries name it.
    Ptr<LinkFailure> Wrap(Ptr<NetDevice> device)
    {
        auto it = m_receivers.find(PeekPointer(device));
        if (it == m_receivers.end())
        {
            it = m_receivers.emplace(PeekPointer(device), LinkFailure::Wrap(device)).first;
        }
        return it->second;
    }

    /// Routing has caught up with \p target going down (up).
    static void Reconverge(RunContext& run, const FailureTarget& target, bool down)
    {
        NS_LOG_FUNCTION(down);
        RoutingGraph& graph = *run.graph;
        for (uint32_t l : target.links)
        {
            graph.SetLinkDown(l, down);
        }
        if (target.node >= 0)
        {
            graph.SetNodeDown(static_cast<uint32_t>(target.node), down);
        }
        const Network& network = run.network;
        ShortestPathRouting::Populate(network, graph);
        if (run.dense)
        {
            run.dense->RoutesChanged();
            return;
        }
        if (run.spec.routing == MulticastRouting::DENSE)
        {
            return; // the other modes of a dense-mode scenario: no group routes
        }
        RemoveMulticastRoutes(network, run.group.address);
        // The shared tree's rendezvous: the scenario's while it works, else the one the tree
        // has, else (it failed) the rule chooses again.
        int64_t& rp = run.group.rendezvous;
        auto works = [&](int64_t r) {
            return r >= 0 &&
                   !graph.IsNodeDown(network.routers.Get(static_cast<uint32_t>(r))->GetId());
        };
        int64_t wanted = run.s.delivery.rendezvous;
        rp = works(wanted) ? wanted : works(rp) ? rp : -1;
        try
        {
            MulticastRoutes routes =
                InstallMulticastRoutes(run.spec.routing, network, graph, run.group);
            for (uint32_t r = 0; r < network.routers.GetN(); ++r)
            {
                if (routes.rendezvous == network.routers.Get(r)->GetId())
                {
                    rp = r;
                }
            }
        }
        catch (const std::invalid_argument& e)
        {
            // The network is cut: P1 cannot reach the rendezvous router. No tree until a
            // repair reconverges.
            NS_LOG_INFO("no multicast routes: " << e.what());
        }
    }

    std::map<const NetDevice*, Ptr<LinkFailure>> m_receivers;
    std::unique_ptr<FailureTracker> m_tracker;
};

} // namespace

void
CheckFailures(const Scenario& s, const Network& network)
{
    for (const auto& f : s.failures)
    {
        Resolve(f, network);
    }
}

std::unique_ptr<RunFeature>
MakeFailuresFeature()
{
    return std::make_unique<FailuresFeature>();
}

} // namespace gcsim
