#ifndef GCSIM_RUN_SEED_H
#define GCSIM_RUN_SEED_H

#include <cstdint>
#include <vector>

namespace ns3
{
namespace gcsim
{

/**
 * The seed a run's drawn inputs start from (the members of a fractional group, the unicast
 * target, client placement and random graphs, churn, ordering jitter): \p seed itself for
 * run 1, and for run r > 1 a value std::seed_seq mixes from (seed, r), so that the
 * repetitions of a sweep draw independently of each other and repetition 1 draws as a single
 * run does. ns-3's own variables take (seed, run) through RngSeedManager.
 */
uint32_t RunSeed(uint32_t seed, uint32_t run);

/**
 * A seed for one purpose (\p purpose: a small number of its own) derived from \p runSeed by
 * std::seed_seq, so that two purposes drawing in the same run draw independently.
 */
uint32_t PurposeSeed(uint32_t runSeed, uint32_t purpose);

/**
 * \p k distinct numbers out of 1..\p n, ascending, chosen by a Fisher-Yates shuffle driven by
 * std::mt19937_64 seeded with \p seed (portable: the same on every platform).
 */
std::vector<uint32_t> ChooseDistinct(uint32_t n, uint32_t k, uint32_t seed);

} // namespace gcsim
} // namespace ns3

#endif
