// Row "wifi": the access point's multicast-to-unicast conversion for that mode, and what the
// radio carried (airtime per message, frames, retries, rates, failed receptions, delivery
// by distance from the access point, or from P1 in an ad hoc mesh).
#include "models/stats/wifi-tracker.h"
#include "run-feature.h"

namespace gcsim
{
namespace
{

using namespace ns3;
using namespace ns3::gcsim;

class WifiFeature : public RunFeature
{
public:
    bool Applies(const RunContext& run) const override
    {
        return run.s.topology.kind == "wifi" || run.s.topology.kind == "adhoc";
    }

    void AdjustTopology(RunContext& run) override
    {
        run.topology.multicastToUnicast = run.spec.mode == "multicast-to-unicast";
    }

    void Collectors(RunContext& run) override
    {
        m_tracker = std::make_unique<WifiTracker>(run.network, run.clients, run.s.traffic.start);
    }

    void Collect(RunContext&, ModeResult& result) override
    {
        result.wifi = m_tracker->Finish();
    }

private:
    std::unique_ptr<WifiTracker> m_tracker;
};

} // namespace

std::unique_ptr<RunFeature>
MakeWifiFeature()
{
    return std::make_unique<WifiFeature>();
}

} // namespace gcsim
