#include "send-times.h"

#include <algorithm>
#include <ns3/log.h>
#include <random>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimSendTimes");

std::vector<std::vector<Time>>
SendTimes(const SendSchedule& schedule)
{
    NS_LOG_FUNCTION(schedule.senders << schedule.messages << schedule.jitter << schedule.seed);
    std::mt19937_64 rng(schedule.seed);
    int64_t jitterNs = schedule.jitter.GetNanoSeconds();
    std::vector<std::vector<Time>> all;
    for (std::size_t i = 0; i < schedule.senders; ++i)
    {
        std::vector<Time> times;
        for (uint32_t k = 0; k < schedule.messages; ++k)
        {
            int64_t late = jitterNs > 0 ? static_cast<int64_t>(rng() % uint64_t(jitterNs)) : 0;
            times.push_back(schedule.start + schedule.interval * int64_t(k) +
                            schedule.offset * int64_t(i) + NanoSeconds(late));
        }
        std::sort(times.begin(), times.end());
        all.push_back(std::move(times));
    }
    return all;
}

} // namespace gcsim
} // namespace ns3
