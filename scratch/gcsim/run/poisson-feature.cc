// Row "poisson": P1 sends its group messages as a Poisson process (traffic.pattern =
// "poisson"): the first at traffic.start, each next one an exponential gap of mean
// traffic.interval later, drawn from the run's own random stream (repetitions differ).
#include "models/group/group-server.h"
#include "models/group/poisson-send-times.h"
#include "models/network/network-constants.h"
#include "run-feature.h"

namespace gcsim
{
namespace
{

using namespace ns3;
using namespace ns3::gcsim;

class PoissonFeature : public RunFeature
{
public:
    bool Applies(const RunContext& run) const override
    {
        return run.s.traffic.pattern == "poisson";
    }

    void Applications(RunContext& run) override
    {
        const auto& traffic = run.s.traffic;
        std::vector<Time> times =
            PoissonSendTimes(traffic.start, traffic.interval, run.p1Messages, kPoissonSendStream);
        DynamicCast<GroupServer>(run.server.Get(0))->SetSendTimes(times);
        // As the group pattern's: one mean gap after the last send.
        run.lastSend = times.empty() ? traffic.start : times.back() + traffic.interval;
    }
};

} // namespace

std::unique_ptr<RunFeature>
MakePoissonFeature()
{
    return std::make_unique<PoissonFeature>();
}

} // namespace gcsim
