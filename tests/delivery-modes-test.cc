// Per-mode invariants on one LAN: who gets each message, how often, what P1 and the links
// carried, and what non-members had to process.
#include "test-utilities.h"

#include <map>
#include <set>

namespace gcsim::test
{
namespace
{

const char* kLan = R"(
[topology]
kind = "lan"
clients = 12
[group]
members = [2, 5, 7, 11]
target = 7
[traffic]
messages = 20
size = 1024
)";

constexpr uint64_t kMessages = 20;
constexpr uint64_t kClients = 12;
const std::set<int> kMembers = {2, 5, 7, 11};

struct Observed
{
    ModeResult result;
    std::map<std::pair<int, int>, int> copies; //!< (message, receiver) -> receptions
    uint64_t linkCsvFrames{0};
    uint64_t linkCsvBytes{0};
};

Observed
Observe(const std::string& mode, const std::vector<std::string>& overrides = {})
{
    Observed o;
    std::ostringstream csv;
    std::ostringstream links;
    o.result = Simulate(ScenarioFrom(kLan, overrides), mode, &csv, &links);
    auto rows = ReadCsv(csv.str());
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        EXPECT_EQ(rows[i][0], mode);
        EXPECT_EQ(rows[i][3] == "1", kMembers.count(std::stoi(rows[i][2])) == 1);
        EXPECT_LE(std::stoll(rows[i][6]), std::stoll(rows[i][7])) << "delivered before it was sent";
        ++o.copies[{std::stoi(rows[i][1]), std::stoi(rows[i][2])}];
    }
    auto linkRows = ReadCsv(links.str());
    for (std::size_t i = 1; i < linkRows.size(); ++i)
    {
        o.linkCsvFrames += std::stoull(linkRows[i][4]);
        o.linkCsvBytes += std::stoull(linkRows[i][5]);
    }
    return o;
}

void
ExpectExactlyOnce(const Observed& o, const std::set<int>& destinations)
{
    for (uint64_t m = 0; m < kMessages; ++m)
    {
        for (uint64_t c = 1; c <= kClients; ++c)
        {
            auto it = o.copies.find({int(m), int(c)});
            int got = it == o.copies.end() ? 0 : it->second;
            EXPECT_EQ(got, destinations.count(int(c)) ? 1 : 0)
                << "message " << m << " client " << c;
        }
    }
    EXPECT_EQ(o.result.delivery.deliveries, kMessages * destinations.size());
    EXPECT_EQ(o.result.delivery.expected, kMessages * destinations.size());
    EXPECT_EQ(o.result.delivery.duplicates, 0u);
    EXPECT_EQ(o.result.delivery.unwanted, 0u);
    EXPECT_EQ(o.result.destinations, destinations.size());
}

void
ExpectLinkCountsAddUp(const Observed& o)
{
    const auto& l = o.result.links;
    EXPECT_EQ(o.linkCsvFrames, l.frames);
    EXPECT_EQ(o.linkCsvBytes, l.bytes);
    // In the group pattern only P1 transmits, and every frame carries a group message.
    EXPECT_EQ(l.frames, l.serverFrames);
    EXPECT_EQ(l.frames, l.messageFrames);
    EXPECT_EQ(l.bytes, l.frames * 1070);
    EXPECT_EQ(l.queueDrops + l.linkDrops + l.queueDiscDrops, 0u);
    EXPECT_EQ(o.result.hosts.ipDrops + o.result.hosts.arpDrops, 0u);
}

TEST(DeliveryModes, UnicastReachesOnlyTheTarget)
{
    Observed o = Observe("unicast");
    ExpectExactlyOnce(o, {7});
    ExpectLinkCountsAddUp(o);
    EXPECT_EQ(o.result.links.serverFrames, kMessages);
    EXPECT_EQ(o.result.hosts.receptions, kMessages);
    EXPECT_EQ(o.result.hosts.nonmemberReceptions, 0u);
}

TEST(DeliveryModes, ReplicatedUnicastSendsOneCopyPerMember)
{
    Observed o = Observe("replicated-unicast");
    ExpectExactlyOnce(o, kMembers);
    ExpectLinkCountsAddUp(o);
    EXPECT_EQ(o.result.links.serverFrames, kMessages * kMembers.size());
    EXPECT_EQ(o.result.links.stressMax, kMembers.size());
    EXPECT_DOUBLE_EQ(o.result.links.stressMean, double(kMembers.size()));
    EXPECT_EQ(o.result.hosts.nonmemberReceptions, 0u);
    EXPECT_EQ(o.result.hosts.nicFiltered, 0u);
}

TEST(DeliveryModes, MulticastNeverReachesANonMembersApplication)
{
    Observed o = Observe("multicast");
    ExpectExactlyOnce(o, kMembers);
    ExpectLinkCountsAddUp(o);
    EXPECT_EQ(o.result.links.serverFrames, kMessages);
    EXPECT_EQ(o.result.links.stressMax, 1u);
    EXPECT_EQ(o.result.delivery.nonmemberDeliveries, 0u);
    EXPECT_EQ(o.result.hosts.nonmemberReceptions, 0u);
    // Each non-member's NIC sees the frame and filters it.
    EXPECT_EQ(o.result.hosts.nicFiltered, kMessages * (kClients - kMembers.size()));
    EXPECT_EQ(o.result.hosts.receptions, kMessages * kMembers.size());
}

TEST(DeliveryModes, BroadcastReachesEveryClientAndLoadsNonMembers)
{
    Observed o = Observe("broadcast");
    std::set<int> all;
    for (uint64_t c = 1; c <= kClients; ++c)
    {
        all.insert(int(c));
    }
    ExpectExactlyOnce(o, all);
    ExpectLinkCountsAddUp(o);
    EXPECT_EQ(o.result.links.serverFrames, kMessages);
    EXPECT_EQ(o.result.hosts.receptions, kMessages * kClients);
    EXPECT_EQ(o.result.hosts.nonmemberReceptions, kMessages * (kClients - kMembers.size()));
    EXPECT_EQ(o.result.delivery.nonmemberDeliveries, kMessages * (kClients - kMembers.size()));
    EXPECT_EQ(o.result.hosts.nicFiltered, 0u);
}

TEST(DeliveryModes, DynamicArpAddsOneRequestAndOneReplyPerNewNeighbour)
{
    // A cold network: P1 resolves each member once (a broadcast request, a unicast reply),
    // then sends as before. Every message still arrives exactly once.
    Observed o = Observe("replicated-unicast", {"delivery.arp=\"dynamic\""});
    ExpectExactlyOnce(o, kMembers);
    const auto& l = o.result.links;
    EXPECT_EQ(l.messageFrames, kMessages * kMembers.size());
    EXPECT_EQ(l.frames, kMessages * kMembers.size() + 2 * kMembers.size());
    EXPECT_EQ(o.linkCsvFrames, l.frames);
    // ARP waits up to 10 ms of jitter, so the first message is later than the rest.
    EXPECT_GT(o.result.delivery.latency.max, 100000);
}

TEST(DeliveryModes, OverflowingTheDeviceQueueIsCountedNeverHidden)
{
    // 150 members, a 100-packet device queue: per message one frame goes on the wire at
    // once, 100 wait, 49 are dropped. Deliveries and drops add up to what was sent.
    const char* big = R"(
[topology]
kind = "lan"
clients = 150
queue_size = "100p"
[group]
members = "all"
[traffic]
messages = 3
size = 200
)";
    ModeResult r = Simulate(ScenarioFrom(big), "replicated-unicast");
    EXPECT_EQ(r.links.queueDrops, 3u * 49);
    EXPECT_EQ(r.delivery.deliveries, 3u * 101);
    EXPECT_EQ(r.delivery.deliveries + r.links.queueDrops, r.delivery.expected);
    EXPECT_EQ(r.links.serverFrames, 3u * 101);
}

} // namespace
} // namespace gcsim::test
