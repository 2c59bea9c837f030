#ifndef GCSIM_POISSON_SEND_TIMES_H
#define GCSIM_POISSON_SEND_TIMES_H

#include <cstdint>
#include <ns3/nstime.h>
#include <vector>

namespace ns3
{
namespace gcsim
{

/**
 * The longest gap PoissonSendTimes() draws, in means: a longer draw is drawn again (ns-3's
 * ExponentialRandomVariable with Bound). A gap exceeds it with probability e^-30, about
 * 10^-13, so the gaps are exponential for every purpose, and a run of n messages ends at
 * most n x 30 means after its first send.
 */
constexpr int64_t kPoissonGapBound = 30;

/**
 * When P1 sends \p count group messages as a Poisson process: the first at \p start, each
 * next one an exponential gap of mean \p mean later (nanoseconds, rounded to the nearest),
 * drawn from ns-3's random stream \p stream. The stream's substream is ns-3's run number
 * (RngRun), so a scenario's repetitions draw different gaps and the same repetition the same.
 */
std::vector<Time> PoissonSendTimes(Time start, Time mean, uint32_t count, int64_t stream);

} // namespace gcsim
} // namespace ns3

#endif
