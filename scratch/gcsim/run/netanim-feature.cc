// Row "netanim": a NetAnim XML per mode (output.netanim).
#include "run-feature.h"
#include "scratch/gcsim/netanim.h"

#include <ns3/animation-interface.h>

namespace gcsim
{
namespace
{

class NetAnimFeature : public RunFeature
{
public:
    bool Applies(const RunContext& run) const override
    {
        return !run.sinks.netanimPrefix.empty();
    }

    void AfterBuild(RunContext& run) override
    {
        CheckNetAnimSize(run.s, run.network);
    }

    void Collectors(RunContext& run) override
    {
        m_netanim = StartNetAnim(run.network, run.firstGroup,
                                 run.sinks.netanimPrefix + run.fileLabel + ".xml",
                                 run.lastSend + run.s.traffic.drain);
    }

    void Collect(RunContext&, ModeResult&) override
    {
        m_netanim.reset(); // closes the XML
    }

private:
    std::unique_ptr<ns3::AnimationInterface> m_netanim;
};

} // namespace

std::unique_ptr<RunFeature>
MakeNetAnimFeature()
{
    return std::make_unique<NetAnimFeature>();
}

} // namespace gcsim
