#include "statistics.h"

#include <cmath>
#include <ns3/abort.h>
#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimStatistics");

void
Histogram::Add(int64_t value, uint64_t n)
{
    m_counts[value] += n;
    m_samples += n;
}

Histogram
Histogram::Without(const Histogram& part) const
{
    Histogram rest = *this;
    for (const auto& [value, n] : part.m_counts)
    {
        auto it = rest.m_counts.find(value);
        NS_ABORT_MSG_IF(it == rest.m_counts.end() || it->second < n,
                        "Histogram::Without: a sample that is not there");
        it->second -= n;
        rest.m_samples -= n;
        if (it->second == 0)
        {
            rest.m_counts.erase(it);
        }
    }
    return rest;
}

Distribution
Histogram::Summarize() const
{
    Distribution d;
    if (m_samples == 0)
    {
        return d;
    }
    auto rankOf = [this](double percent)
    {
        auto rank = static_cast<uint64_t>(std::ceil(percent / 100.0 * m_samples));
        return rank < 1 ? 1 : rank;
    };
    const uint64_t ranks[] = {rankOf(50), rankOf(95), rankOf(99)};
    int64_t* values[] = {&d.p50, &d.p95, &d.p99};
    // Integers times counts below 2^64 are exact in a long double, and so is their sum:
    // the mean equals the one summed sample by sample.
    long double sum = 0;
    uint64_t seen = 0;
    std::size_t next = 0;
    for (const auto& [value, count] : m_counts)
    {
        sum += static_cast<long double>(value) * count;
        seen += count;
        while (next < 3 && seen >= ranks[next])
        {
            *values[next++] = value;
        }
    }
    d.count = m_samples;
    d.mean = static_cast<double>(sum / m_samples);
    d.max = m_counts.rbegin()->first;
    return d;
}

} // namespace gcsim
} // namespace ns3
