#include "gossip-theory.h"

#include <cmath>
#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimGossipTheory");
namespace gossip_theory
{

double
PushRoundsToAll(double n, double f)
{
    return std::log(n) / std::log1p(f) + std::log(n) / f;
}

double
ReachProbability(double c)
{
    return std::exp(-std::exp(-c));
}

double
FanoutExcess(double n, double f)
{
    return f - std::log(n);
}

double
RumourResidue(double m)
{
    return std::exp(-m);
}

std::vector<double>
MeanFieldCurve(Spread spread, double n, double f, uint32_t rounds)
{
    std::vector<double> infected{1 / n};
    double u = 1 - 1 / n;       // uninformed
    double fresh = 1 / n;       // informed in the last round (infect and die)
    double scale = n / (n - 1); // a push never picks its sender
    for (uint32_t r = 1; r <= rounds; ++r)
    {
        double i = 1 - u;
        double next = u;
        switch (spread)
        {
            case Spread::PUSH:
                next = u * std::exp(-f * i * scale);
                break;
            case Spread::PULL:
                next = u * std::pow(u, f);
                break;
            case Spread::PUSH_PULL:
                next = u * std::pow(u, f) * std::exp(-f * i * scale);
                break;
            case Spread::PUSH_ONCE:
                next = u * std::exp(-f * fresh * scale);
                fresh = u - next;
                break;
        }
        u = next;
        infected.push_back(1 - u);
    }
    return infected;
}

} // namespace gossip_theory
} // namespace gcsim
} // namespace ns3
