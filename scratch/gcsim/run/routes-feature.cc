// Row "routes": the group's multicast routes on a routed network (the scenario's routing
// variant, or dense mode, a protocol that runs during the simulation) and the network-wide
// broadcast flood.
#include "models/multicast/flood.h"
#include "models/stats/dense-mode-tracker.h"
#include "run-feature.h"

namespace gcsim
{
namespace
{

using namespace ns3;
using namespace ns3::gcsim;

class RoutesFeature : public RunFeature
{
public:
    bool Applies(const RunContext&) const override
    {
        return true;
    }

    void AdjustTopology(RunContext& run) override
    {
        // Routers drop the copies a flood brings back (ns-3's duplicate packet detection).
        run.topology.duplicateDetection =
            run.spec.mode == "broadcast" ||
            (run.spec.mode == "multicast" && run.spec.routing == MulticastRouting::FLOOD);
    }

    void Routes(RunContext& run) override
    {
        const Network& network = run.network;
        if (!network.IsRouted())
        {
            return;
        }
        // Dense mode floods, prunes and grafts while the simulation runs: no route is
        // installed for the group in advance. Only the multicast mode sends to the group:
        // the other modes run without it.
        const bool denseRouting = run.spec.routing == MulticastRouting::DENSE;
        if (denseRouting && run.spec.mode == "multicast")
        {
            run.dense = CreateObject<DenseMode>();
            run.dense->SetAttribute("PruneLifetime", TimeValue(run.s.delivery.pruneLifetime));
            std::vector<uint32_t> sources{run.group.source};
            sources.insert(sources.end(), run.group.senders.begin(), run.group.senders.end());
            run.dense->Install(network, *run.graph, run.group.address, sources);
            m_tracker = std::make_unique<DenseModeTracker>(run.dense);
        }
        if (!denseRouting)
        {
            MulticastRoutes routes =
                InstallMulticastRoutes(run.spec.routing, network, *run.graph, run.group);
            for (uint32_t r = 0; r < network.routers.GetN(); ++r)
            {
                if (routes.rendezvous == network.routers.Get(r)->GetId())
                {
                    run.group.rendezvous = r; // the tree keeps its RP as members come and go
                }
            }
        }
        MulticastGroup everyone = run.group;
        everyone.address = NetworkBroadcastGroup();
        everyone.senders.clear(); // only P1 broadcasts
        InstallFlood(network, *run.graph, everyone);
        run.directory.broadcast = NetworkBroadcastGroup();
    }

    void Collect(RunContext&, ModeResult& result) override
    {
        if (m_tracker)
        {
            result.dense = m_tracker->Finish();
        }
    }

    void Teardown(RunContext& run) override
    {
        if (run.dense)
        {
            run.dense->Dispose(); // the routers' sockets call back into them: break the cycle
        }
    }

private:
    std::unique_ptr<DenseModeTracker> m_tracker;
};

} // namespace

std::unique_ptr<RunFeature>
MakeRoutesFeature()
{
    return std::make_unique<RoutesFeature>();
}

} // namespace gcsim
