#ifndef GCSIM_CHURN_H
#define GCSIM_CHURN_H

#include <cstdint>
#include <ns3/nstime.h>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// A generated change of membership: \p client flips (joins if out, leaves if in) at \p at.
struct ChurnEvent
{
    Time at;
    uint32_t client{1};
};

/**
 * Generated churn: a Poisson process of \p rate events per second over [\p start, \p stop),
 * drawn from its own generator seeded with \p seed (std::mt19937_64, portable); each event
 * picks one of \p pool (not empty) uniformly. The events come in time order.
 */
std::vector<ChurnEvent> GenerateChurn(double rate, uint32_t seed, Time start, Time stop,
                                      const std::vector<uint32_t>& pool);

} // namespace gcsim
} // namespace ns3

#endif
