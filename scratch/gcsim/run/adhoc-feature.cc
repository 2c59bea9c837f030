// Row "adhoc": the mesh floods broadcast as the network-wide broadcast group (IPv4 never
// forwards 255.255.255.255), and the multicast runs of variant `probabilistic` set the
// group's rebroadcast probability on every node.
#include "models/multicast/probabilistic-flood.h"
#include "run-feature.h"

namespace gcsim
{
namespace
{

using namespace ns3;
using namespace ns3::gcsim;

class AdhocFeature : public RunFeature
{
public:
    bool Applies(const RunContext& run) const override
    {
        return run.s.topology.kind == "adhoc";
    }

    void Routes(RunContext& run) override
    {
        run.directory.broadcast = NetworkBroadcastGroup();
        if (run.spec.mode == "multicast" && run.spec.routing == MulticastRouting::PROBABILISTIC)
        {
            InstallProbabilisticFlood(run.network, run.group.address,
                                      run.s.delivery.floodProbability);
        }
    }
};

} // namespace

std::unique_ptr<RunFeature>
MakeAdhocFeature()
{
    return std::make_unique<AdhocFeature>();
}

} // namespace gcsim
