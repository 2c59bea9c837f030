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
    for (std::size_t m = 0; m < curves.size(); ++m)
    {
        const auto& c = curves[m];
        double of = m < liveByMessage.size() ? liveByMessage[m] : live;
        for (std::size_t r = 0; r < rounds && of > 0; ++r)
        {
            // A message's curve stays at its last value after its last round.
            mean[r] += double(c.empty() ? 0 : c[std::min(r, c.size() - 1)]) / of;
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
GossipTracker::CountMessage(std::vector<Learned> alive, uint32_t live, GossipCounts& g) const
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
    g.liveByMessage.push_back(live);
    double residue = live ? 1.0 - double(alive.size()) / live : 0;
    g.residueMean += residue;
    g.residueMax = std::max(g.residueMax, residue);
    if (live > 0 && alive.size() == live)
    {
        g.reachedAll++;
        g.roundsToAllMean += lastRound;
        g.roundsToAllMax = std::max(g.roundsToAllMax, lastRound);
        g.timeToAllMeanNs += double(times.back());
    }
    auto need99 = static_cast<std::size_t>(std::ceil(0.99 * live));
    if (need99 > 0 && alive.size() >= need99)
    {
        g.reached99++;
        g.roundsTo99Mean += alive[need99 - 1].round;
        g.timeTo99MeanNs += double(times[need99 - 1]);
    }
}

GossipCounts
GossipTracker::Finish(const std::vector<bool>& crashed, const Expected& expected)
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
    for (uint32_t m = 0; m < m_learned.size(); ++m)
    {
        auto counts = [&](uint32_t node)
        { return !isCrashed(node) && (!expected || expected(m, node)); };
        uint32_t live = g.live;
        if (expected)
        {
            live = 0;
            for (uint32_t i = 1; i < g.population; ++i)
            {
                live += counts(i) ? 1 : 0;
            }
        }
        std::vector<Learned> alive;
        std::copy_if(m_learned[m].begin(), m_learned[m].end(), std::back_inserter(alive),
                     [&counts](const Learned& l) { return counts(l.node); });
        CountMessage(std::move(alive), live, g);
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
