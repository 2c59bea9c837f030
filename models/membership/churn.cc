#include "churn.h"

#include <cmath>
#include <ns3/log.h>
#include <random>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimChurn");

std::vector<ChurnEvent>
GenerateChurn(double rate, uint32_t seed, Time start, Time stop, const std::vector<uint32_t>& pool)
{
    NS_LOG_FUNCTION(rate << seed << start << stop << pool.size());
    std::vector<ChurnEvent> events;
    std::mt19937_64 rng(seed);
    long double atNs = start.GetNanoSeconds();
    long double meanGapNs = 1e9L / rate;
    for (;;)
    {
        long double u = ((rng() >> 11) + 0.5L) / 9007199254740992.0L; // (0, 1)
        atNs += -std::log(u) * meanGapNs;
        if (atNs >= stop.GetNanoSeconds())
        {
            break;
        }
        ChurnEvent event;
        event.at = NanoSeconds(static_cast<int64_t>(std::llround(atNs)));
        event.client = pool[rng() % pool.size()];
        events.push_back(event);
    }
    return events;
}

} // namespace gcsim
} // namespace ns3
