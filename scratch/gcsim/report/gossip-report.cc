#include "gossip-report.h"

#include "models/stats/gossip-theory.h"
#include "scratch/gcsim/output/text-format.h"

#include <algorithm>
#include <cmath>
#include <gsl/gsl_cdf.h>
#include <sstream>

namespace gcsim
{

using json = nlohmann::ordered_json;
namespace theory = ns3::gcsim::gossip_theory;

namespace
{

/// Mean and 95 % t interval of \p values.
TheoryCheck
MeanInterval(const std::vector<double>& values)
{
    TheoryCheck c;
    if (values.empty())
    {
        return c;
    }
    double sum = 0;
    for (double v : values)
    {
        sum += v;
    }
    c.simulated = sum / values.size();
    c.low = c.high = c.simulated;
    if (values.size() > 1)
    {
        double squares = 0;
        for (double v : values)
        {
            squares += (v - c.simulated) * (v - c.simulated);
        }
        double half = gsl_cdf_tdist_Pinv(0.975, double(values.size() - 1)) *
                      std::sqrt(squares / (values.size() - 1) / values.size());
        c.low -= half;
        c.high += half;
    }
    return c;
}

/// Wilson's 95 % interval of \p hits out of \p n.
TheoryCheck
Proportion(uint64_t hits, uint64_t n)
{
    TheoryCheck c;
    if (n == 0)
    {
        return c;
    }
    const double z = 1.959963984540054;
    double p = double(hits) / n;
    double denominator = 1 + z * z / n;
    double centre = (p + z * z / (2 * n)) / denominator;
    double half = z * std::sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denominator;
    c.simulated = p;
    c.low = std::max(0.0, centre - half);
    c.high = std::min(1.0, centre + half);
    return c;
}

/// Per message: the rounds until every live member had it (messages that reached all).
std::vector<double>
RoundsToAll(const ns3::gcsim::GossipCounts& g)
{
    std::vector<double> rounds;
    for (std::size_t m = 0; m < g.curves.size(); ++m)
    {
        const auto& curve = g.curves[m];
        uint32_t live = g.liveByMessage[m];
        if (!curve.empty() && curve.back() == live && live > 0)
        {
            rounds.push_back(double(curve.size() - 1));
        }
    }
    return rounds;
}

/// Per message: the fraction of live members it never reached.
std::vector<double>
Residues(const ns3::gcsim::GossipCounts& g)
{
    std::vector<double> residues;
    for (std::size_t m = 0; m < g.curves.size(); ++m)
    {
        const auto& curve = g.curves[m];
        uint32_t live = g.liveByMessage[m];
        residues.push_back(live ? 1 - double(curve.empty() ? 0 : curve.back()) / live : 0);
    }
    return residues;
}

} // namespace

std::optional<TheoryCheck>
GossipTheory(const Scenario& s, const ModeResult& r)
{
    const auto& g = r.gossip;
    const auto& gs = s.gossip;
    if (!g.used || g.messages == 0 || gs.view != "full" || gs.crashed > 0 || s.membership.given)
    {
        return std::nullopt;
    }
    double n = g.population;
    TheoryCheck c;
    if (g.protocol == "push" && !gs.round.IsZero() && gs.KFor("push") == 0)
    {
        c = MeanInterval(RoundsToAll(g));
        c.figure = "rounds_to_all";
        c.formula = gs.fanout == 1 ? "log2 n + ln n" : "log_(1+f) n + (ln n) / f";
        c.predicted = theory::PushRoundsToAll(n, gs.fanout);
    }
    else if (g.protocol == "push" && gs.round.IsZero())
    {
        c = Proportion(g.reachedAll, g.messages);
        c.figure = "reach_probability";
        c.formula =
            "e^(-e^(-c)), c = fanout - ln n = " + Fixed(theory::FanoutExcess(n, gs.fanout), 3);
        c.predicted = theory::ReachProbability(theory::FanoutExcess(n, gs.fanout));
    }
    else if (g.protocol == "rumour")
    {
        c = MeanInterval(Residues(g));
        c.figure = "residue";
        c.formula = "e^(-m), m = data datagrams per node = " + Fixed(g.DataPerNode(), 3);
        c.predicted = theory::RumourResidue(g.DataPerNode());
    }
    else
    {
        return std::nullopt;
    }
    c.within = c.predicted >= c.low && c.predicted <= c.high;
    return c;
}

std::vector<double>
MeanFieldFor(const Scenario& s, const ModeResult& r, uint32_t rounds)
{
    const auto& g = r.gossip;
    if (!g.used || s.gossip.view != "full" || s.gossip.crashed > 0 || s.membership.given ||
        g.population < 2)
    {
        return {};
    }
    theory::Spread spread;
    if (g.protocol == "push" && s.gossip.KFor("push") == 0)
    {
        spread = s.gossip.round.IsZero() ? theory::Spread::PUSH_ONCE : theory::Spread::PUSH;
    }
    else if (g.protocol == "pull")
    {
        spread = theory::Spread::PULL;
    }
    else if (g.protocol == "push-pull")
    {
        spread = theory::Spread::PUSH_PULL;
    }
    else
    {
        return {};
    }
    // The curve counts members; the mean field counts every node, P1 included.
    std::vector<double> all = theory::MeanFieldCurve(spread, g.population, s.gossip.fanout, rounds);
    double n = g.population;
    for (double& v : all)
    {
        v = std::max(0.0, (v * n - 1) / (n - 1));
    }
    return all;
}

json
GossipJson(const Scenario& s, const ModeResult& r)
{
    const auto& g = r.gossip;
    double perNodeMessage = double(g.messages) * g.population;
    json out{{"protocol", g.protocol},
             {"population", g.population},
             {"live_members", g.live},
             {"crashed_members", g.crashed},
             {"rounds_limit", s.gossip.RoundsFor(g.protocol, g.population)},
             {"messages", g.messages},
             {"messages_reaching_all", g.reachedAll},
             {"reach_probability", g.messages ? double(g.reachedAll) / g.messages : 0},
             {"rounds_to_all_mean", g.roundsToAllMean},
             {"rounds_to_all_max", g.roundsToAllMax},
             {"time_to_all_ns_mean", g.timeToAllMeanNs},
             {"messages_reaching_99", g.reached99},
             {"rounds_to_99_mean", g.roundsTo99Mean},
             {"time_to_99_ns_mean", g.timeTo99MeanNs},
             {"residue_mean", g.residueMean},
             {"residue_max", g.residueMax},
             {"data_datagrams", g.data},
             {"control_datagrams", g.control},
             {"data_bytes", g.dataBytes},
             {"control_bytes", g.controlBytes},
             {"data_per_node_per_message", perNodeMessage ? g.data / perNodeMessage : 0},
             {"control_per_node_per_message", perNodeMessage ? g.control / perNodeMessage : 0},
             {"duplicates", g.duplicates}};
    if (auto c = GossipTheory(s, r))
    {
        out["theory"] = json{{"figure", c->figure},           {"formula", c->formula},
                             {"simulated", c->simulated},     {"ci95_low", c->low},
                             {"ci95_high", c->high},          {"predicted", c->predicted},
                             {"within_ci", c->within ? 1 : 0}};
        // By the figure's own name as well, so that a sweep can draw it beside its mean.
        out[c->figure + "_predicted"] = c->predicted;
    }
    std::vector<double> curve = g.MeanCurve();
    out["curve"] = curve;
    out["mean_field"] =
        MeanFieldFor(s, r, static_cast<uint32_t>(curve.empty() ? 0 : curve.size() - 1));
    return out;
}

std::string
InfectionCsv(const Scenario& s, const std::vector<ModeResult>& results)
{
    std::ostringstream csv;
    csv << "mode,message,round,infected,fraction,mean_field\n";
    for (const auto& r : results)
    {
        const auto& g = r.gossip;
        if (!g.used)
        {
            continue;
        }
        std::size_t rounds = 0;
        for (const auto& curve : g.curves)
        {
            rounds = std::max(rounds, curve.size());
        }
        std::vector<double> field =
            MeanFieldFor(s, r, static_cast<uint32_t>(rounds > 0 ? rounds - 1 : 0));
        for (std::size_t m = 0; m < g.curves.size(); ++m)
        {
            const auto& curve = g.curves[m];
            for (std::size_t round = 0; round < rounds; ++round)
            {
                uint32_t infected = curve.empty() ? 0 : curve[std::min(round, curve.size() - 1)];
                csv << r.mode << ',' << m << ',' << round << ',' << infected << ','
                    << Number(g.liveByMessage[m] ? double(infected) / g.liveByMessage[m] : 0) << ','
                    << (round < field.size() ? Number(field[round]) : std::string()) << '\n';
            }
        }
    }
    return csv.str();
}

} // namespace gcsim
