// Row "gossip": the gossip modes (push, pull, push-pull, rumour, lazy-push). A GossipAgent on
// P1 and on every member, sharing the peer sampling view; crashes; what the gossip did.
#include "models/gossip/gossip-delivery.h"
#include "models/network/run-seed.h"
#include "models/stats/gossip-tracker.h"
#include "run-feature.h"

#include <algorithm>
#include <cmath>
#include <ns3/ipv4-interface.h>
#include <ns3/ipv4-l3-protocol.h>
#include <ns3/simulator.h>

namespace gcsim
{
namespace
{

using namespace ns3;
using namespace ns3::gcsim;

constexpr uint32_t kViewPurpose = 7;   //!< the peer sampling graph
constexpr uint32_t kChoicePurpose = 8; //!< the agents' draws (peers, fanouts, coins)

/// The host's interface on its own segment (interface 0 is the loopback).
Ptr<Ipv4Interface>
HostInterface(Ptr<Node> host)
{
    return host->GetObject<Ipv4L3Protocol>()->GetInterface(1);
}

class GossipFeature : public RunFeature
{
public:
    bool Applies(const RunContext& run) const override
    {
        return GossipDelivery::ProtocolOf(run.spec.mode).has_value();
    }

    void Applications(RunContext& run) override
    {
        const Scenario& s = run.s;
        const auto& g = s.gossip;
        std::vector<Ptr<Node>> hosts{run.network.Server()};
        std::vector<Ipv4Address> addresses{run.network.serverAddress};
        m_population = s.EverMembers();
        for (uint32_t m : m_population)
        {
            hosts.push_back(run.network.hosts.Get(m));
            addresses.push_back(run.directory.ClientAddress(m));
        }
        auto n = static_cast<uint32_t>(hosts.size());
        GossipConfig config;
        config.protocol = *GossipDelivery::ProtocolOf(run.spec.mode);
        config.fanout = g.fanout;
        config.rounds = g.RoundsFor(run.spec.mode, n);
        config.k = g.KFor(run.spec.mode);
        config.round = g.round;
        config.blind = g.rumour == "blind";
        config.port = static_cast<uint16_t>(s.group.port + 1);
        // Gossip goes on after P1's last message leaves: the run's drain counts from the
        // end of the last message's rounds (rumours and lazy push end by themselves; they
        // get four times push's rounds).
        uint32_t span = config.rounds > 0 ? config.rounds : 4 * g.RoundsFor("push", n);
        Time gossipEnd = run.lastSend + (g.round.IsZero() ? Time(0) : g.round * int64_t(span));
        config.pullStart = s.traffic.start;
        config.pullEnd = gossipEnd;
        uint32_t runSeed = RunSeed(s.seed, s.run);
        m_shared = Create<GossipShared>(config,
                                        GossipView(*GossipView::Parse(g.view), n, g.viewSize,
                                                   PurposeSeed(runSeed, kViewPurpose)),
                                        addresses, PurposeSeed(runSeed, kChoicePurpose));
        if (s.delivery.arp == "static")
        {
            WarmPairsOnDemand(hosts);
        }
        for (uint32_t i = 0; i < n; ++i)
        {
            Ptr<GossipAgent> agent = CreateObject<GossipAgent>();
            Ptr<GroupClient> client =
                i == 0 ? nullptr
                       : DynamicCast<GroupClient>(run.clients.Get(m_population[i - 1] - 1));
            agent->Setup(m_shared, i, client);
            if (i > 0 && s.membership.given)
            {
                agent->FollowMembership(s.group.address);
            }
            hosts[i]->AddApplication(agent);
            agent->SetStartTime(Seconds(0));
            m_agents.push_back(agent);
        }
        DynamicCast<GossipDelivery>(run.deliveryMode)->SetOrigin(m_agents.front());
        ScheduleCrashes(run);
        run.lastSend = gossipEnd;
    }

    void Collectors(RunContext& run) override
    {
        m_tracker = std::make_unique<GossipTracker>(m_shared, run.spec.mode);
    }

    void Collect(RunContext& run, ModeResult& result) override
    {
        std::vector<bool> crashed;
        for (const auto& agent : m_agents)
        {
            crashed.push_back(agent->Crashed());
        }
        GossipTracker::Expected expected;
        if (run.s.membership.given)
        {
            // A message is for the clients that were members when P1 sent it.
            expected = [this, &run](uint32_t message, uint32_t node)
            {
                if (message >= m_expected.size())
                {
                    m_expected.resize(message + 1);
                }
                if (m_expected[message].empty())
                {
                    std::vector<uint32_t> members = run.s.MembersAt(SentAt(message));
                    m_expected[message].assign(m_population.size() + 1, false);
                    for (std::size_t i = 0; i < m_population.size(); ++i)
                    {
                        m_expected[message][i + 1] =
                            std::binary_search(members.begin(), members.end(), m_population[i]);
                    }
                }
                return bool(m_expected[message][node]);
            };
        }
        result.gossip = m_tracker->Finish(crashed, expected);
        // A gossip layer drops the copies of a message it has before the application: the
        // duplicates are the copies that reached a member's agent.
        result.delivery.duplicates = result.gossip.duplicates;
    }

    void Teardown(RunContext&) override
    {
        m_agents.clear();
        m_shared = nullptr;
    }

private:
    /**
     * With warm ARP caches (delivery.arp = "static"), two hosts on one segment learn each
     * other's MAC address the first time one sends to the other, without an ARP exchange:
     * what a prefilled cache gives, for the pairs that talk only (all pairs of 100,000 hosts
     * would be 10^10 entries). Hosts on different segments reach each other through routers,
     * whose entries are warm already.
     */
    void WarmPairsOnDemand(const std::vector<Ptr<Node>>& hosts)
    {
        std::vector<Ptr<Ipv4Interface>> interfaces;
        std::vector<uint32_t> subnets;
        for (const auto& host : hosts)
        {
            Ptr<Ipv4Interface> in = HostInterface(host);
            interfaces.push_back(in);
            Ipv4InterfaceAddress a = in->GetAddress(0);
            subnets.push_back(a.GetLocal().CombineMask(a.GetMask()).Get());
        }
        m_shared->beforeSend = [interfaces, subnets](uint32_t from, uint32_t to)
        {
            if (subnets[from] == subnets[to])
            {
                AddArpEntry(interfaces[from], interfaces[to]);
                AddArpEntry(interfaces[to], interfaces[from]);
            }
        };
    }

    /// When P1 sent \p message.
    Time SentAt(uint32_t message) const
    {
        return message < m_shared->origins.size() ? m_shared->origins[message] : Time(0);
    }

    void ScheduleCrashes(const RunContext& run)
    {
        const auto& g = run.s.gossip;
        const auto& members = m_population;
        for (uint32_t client : g.crashedClients)
        {
            auto at = std::lower_bound(members.begin(), members.end(), client);
            Ptr<GossipAgent> agent = m_agents[1 + (at - members.begin())];
            Simulator::Schedule(g.crashAt, &GossipAgent::Crash, agent);
        }
    }

    Ptr<GossipShared> m_shared;
    std::vector<uint32_t> m_population;        //!< the clients that gossip (EverMembers)
    std::vector<Ptr<GossipAgent>> m_agents;    //!< P1's, then the population's in ascending order
    std::vector<std::vector<char>> m_expected; //!< by message, by node: a member at its send
    std::unique_ptr<GossipTracker> m_tracker;
};

} // namespace

std::unique_ptr<RunFeature>
MakeGossipFeature()
{
    return std::make_unique<GossipFeature>();
}

} // namespace gcsim
