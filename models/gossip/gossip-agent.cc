#include "gossip-agent.h"

#include "../group/group-client.h"
#include "../group/group-header.h"
#include "../group/group-membership.h"
#include "../network/network-constants.h"

#include <algorithm>
#include <cmath>
#include <ns3/inet-socket-address.h>
#include <ns3/log.h>
#include <ns3/simulator.h>
#include <ns3/udp-socket-factory.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimGossipAgent");

NS_OBJECT_ENSURE_REGISTERED(GossipAgent);

namespace
{
/// PULL's flag: the sender also pushes (push-pull); the answer may ask for what it lacks.
constexpr uint8_t kExchange = 1;
} // namespace

GossipShared::GossipShared(GossipConfig c, GossipView v, std::vector<Ipv4Address> a, uint64_t seed)
  : config(c)
  , view(std::move(v))
  , addresses(std::move(a))
  , rng(seed)
{
    m_index.reserve(addresses.size());
    for (uint32_t i = 0; i < addresses.size(); ++i)
    {
        m_index.emplace(addresses[i].Get(), i);
    }
}

uint32_t
GossipShared::IndexOf(Ipv4Address address) const
{
    auto it = m_index.find(address.Get());
    return it == m_index.end() ? view.Size() : it->second;
}

uint32_t
GossipShared::DrawFanout()
{
    double whole = std::floor(config.fanout);
    return static_cast<uint32_t>(whole) + (Uniform() < config.fanout - whole ? 1 : 0);
}

double
GossipShared::Uniform()
{
    // 53 random bits: the same double on every platform.
    return double(rng() >> 11) * 0x1.0p-53;
}

TypeId
GossipAgent::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::GossipAgent")
                            .SetParent<Application>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<GossipAgent>();
    return tid;
}

void
GossipAgent::Setup(Ptr<GossipShared> shared, uint32_t index, Ptr<GroupClient> client)
{
    NS_LOG_FUNCTION(this << index);
    m_shared = shared;
    m_index = index;
    m_client = client;
    if (shared->config.protocol == GossipProtocol::LAZY_PUSH)
    {
        // Plumtree starts with every neighbour eager; duplicates prune the graph to a tree.
        for (uint32_t j = 0; j < shared->view.Degree(index); ++j)
        {
            m_eager.push_back(shared->view.Peer(index, j));
        }
    }
}

void
GossipAgent::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    if (m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_shared->config.port)) != 0)
    {
        NS_FATAL_ERROR("GossipAgent cannot bind port " << m_shared->config.port);
    }
    m_socket->SetIpTtl(kInitialTtl);
    m_socket->SetIpRecvTtl(true);
    m_socket->SetRecvCallback(MakeCallback(&GossipAgent::HandleRead, this));
    const GossipConfig& c = m_shared->config;
    if (c.protocol == GossipProtocol::PULL || c.protocol == GossipProtocol::PUSH_PULL)
    {
        Time first = std::max(c.pullStart, Simulator::Now());
        m_pullEvent = Simulator::Schedule(first - Simulator::Now(), &GossipAgent::PullTick, this);
    }
}

void
GossipAgent::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_pullEvent.Cancel();
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
}

void
GossipAgent::DoDispose()
{
    m_socket = nullptr;
    m_client = nullptr;
    m_shared = nullptr;
    Application::DoDispose();
}

void
GossipAgent::Crash()
{
    NS_LOG_FUNCTION(this);
    m_crashed = true;
    m_pullEvent.Cancel();
    for (auto& timer : m_graftTimers)
    {
        timer.Cancel();
    }
}

bool
GossipAgent::Crashed() const
{
    return m_crashed;
}

void
GossipAgent::FollowMembership(Ipv4Address group)
{
    m_follow = true;
    m_group = group;
}

bool
GossipAgent::Offline() const
{
    if (m_crashed)
    {
        return true;
    }
    if (!m_follow)
    {
        return false;
    }
    Ptr<GroupMembership> membership = GetNode()->GetObject<GroupMembership>();
    return !membership || !membership->IsMember(m_group);
}

GossipAgent::State&
GossipAgent::At(uint32_t message)
{
    if (message >= m_state.size())
    {
        m_state.resize(message + 1);
    }
    return m_state[message];
}

uint32_t
GossipAgent::RoundAt(uint32_t message, Time t) const
{
    int64_t since = (t - m_shared->origins[message]).GetTimeStep();
    return static_cast<uint32_t>(since / m_shared->config.round.GetTimeStep()) + 1;
}

Time
GossipAgent::RoundStart(uint32_t message, uint32_t r) const
{
    return m_shared->origins[message] + m_shared->config.round * int64_t(r - 1);
}

bool
GossipAgent::Live(uint32_t message, Time t) const
{
    uint32_t limit = m_shared->config.rounds;
    return message < m_state.size() && m_state[message].have &&
           (limit == 0 || RoundAt(message, t) <= limit);
}

void
GossipAgent::Originate(Ptr<const Packet> message)
{
    NS_LOG_FUNCTION(this << message);
    GroupHeader header;
    message->PeekHeader(header);
    uint32_t m = header.GetMessage();
    if (m >= m_shared->messages.size())
    {
        m_shared->messages.resize(m + 1);
        m_shared->origins.resize(m + 1);
    }
    m_shared->messages[m] = message;
    m_shared->origins[m] = Simulator::Now();
    State& s = At(m);
    s.have = true;
    m_shared->infected(m, m_index, 0, Simulator::Now());
    switch (m_shared->config.protocol)
    {
        case GossipProtocol::PUSH:
        case GossipProtocol::RUMOUR:
            if (m_shared->config.round.IsZero())
            {
                Learn(m, 0, m_index);
                break;
            }
            s.active = true;
            PushTick(m);
            break;
        case GossipProtocol::LAZY_PUSH:
            EagerPush(m, 1, -1);
            break;
        default: // pull, push-pull: the others come and ask
            break;
    }
}

void
GossipAgent::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        if (Offline())
        {
            continue;
        }
        SocketIpTtlTag ttl;
        uint32_t hops = packet->RemovePacketTag(ttl) ? kInitialTtl - ttl.GetTtl() + 1 : 0;
        GossipHeader gossip;
        if (packet->GetSize() < GossipHeader::FIXED_SIZE)
        {
            continue;
        }
        packet->RemoveHeader(gossip);
        uint32_t peer = m_shared->IndexOf(InetSocketAddress::ConvertFrom(from).GetIpv4());
        if (peer >= m_shared->view.Size())
        {
            continue;
        }
        switch (gossip.type)
        {
            case GossipHeader::DATA:
                OnData(packet, gossip, peer, hops);
                break;
            case GossipHeader::PULL:
                OnPull(gossip, peer);
                break;
            case GossipHeader::GRAFT:
                OnGraft(gossip, peer);
                break;
            case GossipHeader::IHAVE:
                OnIhave(gossip, peer);
                break;
            case GossipHeader::PRUNE:
                MoveTo(m_lazy, m_eager, peer);
                break;
            case GossipHeader::FEEDBACK:
                for (uint32_t m : gossip.ids)
                {
                    State& s = At(m);
                    if (++s.counter >= m_shared->config.k)
                    {
                        s.active = false;
                    }
                }
                break;
        }
    }
}

void
GossipAgent::OnData(Ptr<Packet> packet, const GossipHeader& gossip, uint32_t from, uint32_t hops)
{
    GroupHeader header;
    if (packet->PeekHeader(header) != GroupHeader::SERIALIZED_SIZE ||
        header.GetMessage() >= m_shared->messages.size())
    {
        return;
    }
    uint32_t m = header.GetMessage();
    State& s = At(m);
    ++s.copies;
    const GossipConfig& c = m_shared->config;
    if (s.have)
    {
        ++m_shared->duplicates;
        if (c.protocol == GossipProtocol::RUMOUR && !c.blind)
        {
            SendControl(GossipHeader::FEEDBACK, {m}, from);
        }
        if (c.protocol == GossipProtocol::LAZY_PUSH)
        {
            MoveTo(m_lazy, m_eager, from);
            SendControl(GossipHeader::PRUNE, {}, from);
        }
        if (c.protocol == GossipProtocol::PUSH && c.k > 0 && s.copies >= c.k)
        {
            s.active = false;
        }
        return;
    }
    s.have = true;
    s.round = gossip.round;
    m_shared->infected(m, m_index, gossip.round, Simulator::Now());
    if (m_client)
    {
        m_client->Deliver(packet, header, hops);
    }
    Learn(m, gossip.round, from);
}

void
GossipAgent::Learn(uint32_t m, uint32_t round, uint32_t from)
{
    const GossipConfig& c = m_shared->config;
    State& s = At(m);
    switch (c.protocol)
    {
        case GossipProtocol::PUSH:
        case GossipProtocol::RUMOUR:
            if (c.round.IsZero())
            {
                // Event-driven: pass it on once, on first receipt ("infect and die").
                if (c.rounds == 0 || round < c.rounds)
                {
                    m_shared->view.Pick(m_index, m_shared->DrawFanout(), m_shared->rng, m_picked);
                    std::vector<uint32_t> peers = m_picked;
                    for (uint32_t peer : peers)
                    {
                        SendData(m, peer, round + 1);
                    }
                }
                break;
            }
            s.active = !(c.protocol == GossipProtocol::PUSH && c.k > 0 && s.copies >= c.k);
            if (s.active)
            {
                uint32_t next = RoundAt(m, Simulator::Now()) + 1;
                Simulator::Schedule(RoundStart(m, next) - Simulator::Now(), &GossipAgent::PushTick,
                                    this, m);
            }
            break;
        case GossipProtocol::LAZY_PUSH:
            if (m < m_graftTimers.size())
            {
                m_graftTimers[m].Cancel();
            }
            MoveTo(m_eager, m_lazy, from);
            EagerPush(m, round + 1, from);
            break;
        default:
            break;
    }
}

void
GossipAgent::PushTick(uint32_t m)
{
    State& s = At(m);
    if (!s.active)
    {
        return;
    }
    if (Offline())
    {
        s.active = false; // a member that left (or crashed) pushes no more
        return;
    }
    const GossipConfig& c = m_shared->config;
    uint32_t r = RoundAt(m, Simulator::Now());
    if (c.rounds > 0 && r > c.rounds)
    {
        s.active = false;
        return;
    }
    m_shared->view.Pick(m_index, m_shared->DrawFanout(), m_shared->rng, m_picked);
    std::vector<uint32_t> peers = m_picked;
    for (uint32_t peer : peers)
    {
        SendData(m, peer, r);
    }
    if (c.protocol == GossipProtocol::RUMOUR && c.blind && m_shared->Uniform() * c.k < 1)
    {
        s.active = false; // lost interest, with probability 1/k after each round's push
        return;
    }
    Simulator::Schedule(RoundStart(m, r + 1) - Simulator::Now(), &GossipAgent::PushTick, this, m);
}

void
GossipAgent::PullTick()
{
    if (m_crashed)
    {
        return;
    }
    const GossipConfig& c = m_shared->config;
    if (Offline())
    {
        // Away from the group: no exchange this round, but back in the rounds on rejoining.
        if (Simulator::Now() + c.round < c.pullEnd)
        {
            m_pullEvent = Simulator::Schedule(c.round, &GossipAgent::PullTick, this);
        }
        return;
    }
    std::vector<uint32_t> digest;
    for (uint32_t m = 0; m < m_state.size(); ++m)
    {
        if (Live(m, Simulator::Now()))
        {
            digest.push_back(m);
        }
    }
    m_shared->view.Pick(m_index, m_shared->DrawFanout(), m_shared->rng, m_picked);
    std::vector<uint32_t> peers = m_picked;
    for (uint32_t peer : peers)
    {
        SendControl(GossipHeader::PULL, digest, peer,
                    c.protocol == GossipProtocol::PUSH_PULL ? kExchange : 0);
    }
    if (Simulator::Now() + c.round < c.pullEnd)
    {
        m_pullEvent = Simulator::Schedule(c.round, &GossipAgent::PullTick, this);
    }
}

void
GossipAgent::OnPull(const GossipHeader& gossip, uint32_t from)
{
    Time now = Simulator::Now();
    for (uint32_t m = 0; m < m_state.size(); ++m)
    {
        if (Live(m, now) && std::find(gossip.ids.begin(), gossip.ids.end(), m) == gossip.ids.end())
        {
            SendData(m, from, RoundAt(m, now));
        }
    }
    if (gossip.flags & kExchange)
    {
        std::vector<uint32_t> missing;
        for (uint32_t m : gossip.ids)
        {
            if (m >= m_state.size() || !m_state[m].have)
            {
                missing.push_back(m);
            }
        }
        if (!missing.empty())
        {
            SendControl(GossipHeader::GRAFT, missing, from);
        }
    }
}

void
GossipAgent::OnGraft(const GossipHeader& gossip, uint32_t from)
{
    bool lazy = m_shared->config.protocol == GossipProtocol::LAZY_PUSH;
    if (lazy)
    {
        MoveTo(m_eager, m_lazy, from);
    }
    for (uint32_t m : gossip.ids)
    {
        if (m < m_state.size() && m_state[m].have)
        {
            SendData(m, from, lazy ? m_state[m].round + 1 : RoundAt(m, Simulator::Now()));
        }
    }
}

void
GossipAgent::OnIhave(const GossipHeader& gossip, uint32_t from)
{
    for (uint32_t m : gossip.ids)
    {
        if (At(m).have)
        {
            continue;
        }
        if (m >= m_announcers.size())
        {
            m_announcers.resize(m + 1);
            m_graftTimers.resize(m + 1);
        }
        m_announcers[m].push_back(from);
        if (!m_graftTimers[m].IsRunning())
        {
            m_graftTimers[m] =
                Simulator::Schedule(m_shared->config.round, &GossipAgent::GraftTimeout, this, m);
        }
    }
}

void
GossipAgent::GraftTimeout(uint32_t m)
{
    if (Offline() || At(m).have || m_announcers[m].empty())
    {
        return;
    }
    uint32_t peer = m_announcers[m].front();
    m_announcers[m].erase(m_announcers[m].begin());
    MoveTo(m_eager, m_lazy, peer);
    SendControl(GossipHeader::GRAFT, {m}, peer);
    if (!m_announcers[m].empty())
    {
        m_graftTimers[m] =
            Simulator::Schedule(m_shared->config.round, &GossipAgent::GraftTimeout, this, m);
    }
}

void
GossipAgent::EagerPush(uint32_t m, uint32_t round, int64_t except)
{
    for (uint32_t peer : m_eager)
    {
        if (int64_t(peer) != except)
        {
            SendData(m, peer, round);
        }
    }
    for (uint32_t peer : m_lazy)
    {
        if (int64_t(peer) != except)
        {
            SendControl(GossipHeader::IHAVE, {m}, peer);
        }
    }
}

void
GossipAgent::MoveTo(std::vector<uint32_t>& to, std::vector<uint32_t>& from, uint32_t peer)
{
    from.erase(std::remove(from.begin(), from.end(), peer), from.end());
    if (std::find(to.begin(), to.end(), peer) == to.end())
    {
        to.push_back(peer);
    }
}

void
GossipAgent::SendData(uint32_t m, uint32_t peer, uint32_t round)
{
    Ptr<Packet> packet = m_shared->messages[m]->Copy();
    GossipHeader header;
    header.type = GossipHeader::DATA;
    header.round = static_cast<uint16_t>(std::min<uint32_t>(round, 0xffff));
    packet->AddHeader(header);
    Send(packet, GossipHeader::DATA, peer);
}

void
GossipAgent::SendControl(GossipHeader::Type type, std::vector<uint32_t> ids, uint32_t peer,
                         uint8_t flags)
{
    GossipHeader header;
    header.type = type;
    header.flags = flags;
    header.ids = std::move(ids);
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(header);
    Send(packet, type, peer);
}

void
GossipAgent::Send(Ptr<Packet> packet, GossipHeader::Type type, uint32_t peer)
{
    if (Offline())
    {
        return;
    }
    if (m_shared->beforeSend)
    {
        m_shared->beforeSend(m_index, peer);
    }
    m_shared->sent[type]++;
    m_shared->sentBytes[type] += packet->GetSize();
    m_socket->SendTo(packet, 0,
                     InetSocketAddress(m_shared->addresses[peer], m_shared->config.port));
}

} // namespace gcsim
} // namespace ns3
