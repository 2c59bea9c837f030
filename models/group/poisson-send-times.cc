#include "poisson-send-times.h"

#include <cmath>
#include <ns3/double.h>
#include <ns3/log.h>
#include <ns3/random-variable-stream.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimPoissonSendTimes");

std::vector<Time>
PoissonSendTimes(Time start, Time mean, uint32_t count, int64_t stream)
{
    NS_LOG_FUNCTION(start << mean << count << stream);
    auto gap = CreateObject<ExponentialRandomVariable>();
    double meanNs = static_cast<double>(mean.GetNanoSeconds());
    gap->SetAttribute("Mean", DoubleValue(meanNs));
    gap->SetAttribute("Bound", DoubleValue(meanNs * kPoissonGapBound));
    gap->SetStream(stream);
    std::vector<Time> times;
    times.reserve(count);
    Time at = start;
    for (uint32_t k = 0; k < count; ++k)
    {
        if (k > 0)
        {
            at += NanoSeconds(std::llround(gap->GetValue()));
        }
        times.push_back(at);
    }
    return times;
}

} // namespace gcsim
} // namespace ns3
