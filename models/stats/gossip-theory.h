#ifndef GCSIM_GOSSIP_THEORY_H
#define GCSIM_GOSSIP_THEORY_H

#include <cstdint>
#include <vector>

namespace ns3
{
namespace gcsim
{

/**
 * The closed forms of epidemic dissemination that gcsim draws over its gossip runs; n is the
 * number of nodes that gossip (P1 and the members), f the fanout.
 */
namespace gossip_theory
{

/**
 * Rounds until push gossip from one node reaches all n, every informed node pushing to f
 * uniform peers per round: log_(1+f) n + (ln n) / f. For f = 1, log2 n + ln n (Frieze and
 * Grimmett 1985; Pittel 1987: the rounds are this + O(1) with high probability).
 */
double PushRoundsToAll(double n, double f);

/**
 * The probability that infect-and-die push with fanout ln n + c (every node passing the
 * message on once, on receipt) reaches all n: e^(-e^(-c)) as n grows (Kermarrec, Massoulie
 * and Ganesh 2003).
 */
double ReachProbability(double c);

/// c of a fanout f at n nodes: f - ln n.
double FanoutExcess(double n, double f);

/**
 * Rumour mongering's residue (the fraction never reached) for traffic m (messages pushed per
 * node): e^(-m) (Demers et al. 1987).
 */
double RumourResidue(double m);

/**
 * The infected fraction after each round 0..rounds (round 0: one node of n), mean field:
 * push: u' = u e^(-f (1 - u) n / (n - 1)); pull: u' = u^(1 + f); push-pull: both;
 * infect-and-die push (rounds as generations): the newly infected only push, once.
 */
enum class Spread
{
    PUSH,
    PULL,
    PUSH_PULL,
    PUSH_ONCE,
};
std::vector<double> MeanFieldCurve(Spread spread, double n, double f, uint32_t rounds);

} // namespace gossip_theory
} // namespace gcsim
} // namespace ns3

#endif
