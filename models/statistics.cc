#include "statistics.h"

#include <algorithm>
#include <cmath>

namespace ns3
{
namespace gcsim
{

namespace
{

int64_t
NearestRank(const std::vector<int64_t>& sorted, double percent)
{
    auto rank = static_cast<std::size_t>(std::ceil(percent / 100.0 * sorted.size()));
    return sorted[std::max<std::size_t>(rank, 1) - 1];
}

} // namespace

Distribution
Summarize(std::vector<int64_t>& values)
{
    Distribution d;
    if (values.empty())
    {
        return d;
    }
    std::sort(values.begin(), values.end());
    long double sum = 0;
    for (int64_t v : values)
    {
        sum += v;
    }
    d.count = values.size();
    d.mean = static_cast<double>(sum / values.size());
    d.p50 = NearestRank(values, 50);
    d.p95 = NearestRank(values, 95);
    d.p99 = NearestRank(values, 99);
    d.max = values.back();
    return d;
}

} // namespace gcsim
} // namespace ns3
