#include "gossip-tracker.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimGossipTracker");

double
GossipCounts::DataPerNode() const
{
    return messages && population ? double(data) / (double(messages) * population) : 0;
}

std::vector<double>
GossipCounts::MeanCurve() const
{
    std::size_t rounds = 0;
    for (const auto& c : curves)
    {
        rounds = std::max(rounds, c.size());
    }
    std::vector<double> mean(rounds, 0);
    if (curves.empty() || live == 0)
    {
        return mean;
    }
    for (const auto& c : curves)
    {
        for (std::size_t r = 0; r < rounds; ++r)
        {
            // A message's curve stays at its last value after its last round.
            mean[r] += double(c.empty() ? 0 : c[std::min(r, c.size() - 1)]) / live;
        }
    }
    for (double& v : mean)
    {
        v /= double(curves.size());
    }
    return mean;
}

GossipTracker::GossipTracker(Ptr<GossipShared> shared, std::string protocol)
  : m_shared(shared)
  , m_protocol(std::move(protocol))
{
    m_shared->infected = MakeCallback(&GossipTracker::OnInfected, this);
}

void
GossipTracker::OnInfected(uint32_t message, uint32_t node, uint32_t round, Time at)
{
    if (message >= m_learned.size())
    {
        m_learned.resize(message + 1);
        m_sendNs.resize(message + 1, 0);
    }
    if (node == 0)
    {
        m_sendNs[message] = at.GetNanoSeconds();
        return;
    }
    m_learned[message].push_back({node, round, at.GetNanoSeconds() - m_sendNs[message]});
}

void
GossipTracker::CountMessage(std::vector<Learned> alive, GossipCounts& g) const
{
    // In the order they learned: by round, then time.
    std::sort(alive.begin(), alive.end(),
              [](const Learned& a, const Learned& b)
              { return a.round != b.round ? a.round < b.round : a.ns < b.ns; });
    uint32_t lastRound = alive.empty() ? 0 : alive.back().round;
    std::vector<uint32_t> curve(lastRound + 1, 0);
    std::vector<int64_t> times;
    for (const auto& l : alive)
    {
        curve[l.round]++;
        times.push_back(l.ns);
    }
    for (std::size_t r = 1; r < curve.size(); ++r)
    {
        curve[r] += curve[r - 1];
    }
    g.curves.push_back(curve);
    std::sort(times.begin(), times.end());
    double residue = g.live ? 1.0 - double(alive.size()) / g.live : 0;
    g.residueMean += residue;
    g.residueMax = std::max(g.residueMax, residue);
    if (g.live > 0 && alive.size() == g.live)
    {
        g.reachedAll++;
        g.roundsToAllMean += lastRound;
        g.roundsToAllMax = std::max(g.roundsToAllMax, lastRound);
        g.timeToAllMeanNs += double(times.back());
    }
    auto need99 = static_cast<std::size_t>(std::ceil(0.99 * g.live));
    if (need99 > 0 && alive.size() >= need99)
    {
        g.reached99++;
        g.roundsTo99Mean += alive[need99 - 1].round;
        g.timeTo99MeanNs += double(times[need99 - 1]);
    }
}

GossipCounts
GossipTracker::Finish(const std::vector<bool>& crashed)
{
    GossipCounts g;
    g.used = true;
    g.protocol = m_protocol;
    g.population = m_shared->view.Size();
    auto isCrashed = [&crashed](uint32_t node) { return node < crashed.size() && crashed[node]; };
    for (uint32_t i = 1; i < g.population; ++i)
    {
        (isCrashed(i) ? g.crashed : g.live)++;
    }
    g.messages = m_learned.size();
    for (const auto& learned : m_learned)
    {
        std::vector<Learned> alive;
        std::copy_if(learned.begin(), learned.end(), std::back_inserter(alive),
                     [&isCrashed](const Learned& l) { return !isCrashed(l.node); });
        CountMessage(std::move(alive), g);
    }
    auto mean = [](double& sum, uint64_t count)
    {
        if (count)
        {
            sum /= double(count);
        }
    };
    mean(g.residueMean, g.messages);
    mean(g.roundsToAllMean, g.reachedAll);
    mean(g.timeToAllMeanNs, g.reachedAll);
    mean(g.roundsTo99Mean, g.reached99);
    mean(g.timeTo99MeanNs, g.reached99);
    for (uint32_t type = 0; type < m_shared->sent.size(); ++type)
    {
        bool data = type == GossipHeader::DATA;
        (data ? g.data : g.control) += m_shared->sent[type];
        (data ? g.dataBytes : g.controlBytes) += m_shared->sentBytes[type];
    }
    g.duplicates = m_shared->duplicates;
    m_shared->infected = MakeNullCallback<void, uint32_t, uint32_t, uint32_t, Time>();
    return g;
}

} // namespace gcsim
} // namespace ns3
