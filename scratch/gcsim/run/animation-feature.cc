// Row "animation": message 0's frames and receptions for animation.json.
#include "models/stats/animation-tracker.h"
#include "run-feature.h"

namespace gcsim
{
namespace
{

using namespace ns3::gcsim;

class AnimationFeature : public RunFeature
{
public:
    bool Applies(const RunContext& run) const override
    {
        return run.sinks.animation != nullptr;
    }

    void Collectors(RunContext& run) override
    {
        m_tracker = run.sinks.animation->Track(run.network, run.firstGroup, run.label);
    }

    void Collect(RunContext&, ModeResult&) override
    {
        if (m_tracker)
        {
            m_tracker->Finish();
        }
    }

private:
    std::unique_ptr<AnimationTracker> m_tracker;
};

} // namespace

std::unique_ptr<RunFeature>
MakeAnimationFeature()
{
    return std::make_unique<AnimationFeature>();
}

} // namespace gcsim
