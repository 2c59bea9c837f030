#include "follow-message.h"

#include "../group/group-client.h"
#include "../group/group-server.h"
#include "../network/trace-connect.h"

#include <ns3/callback.h>
#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimFollowMessage");

void
FollowMessage(const Network& network, uint32_t message,
              std::function<void(const std::vector<uint32_t>& destinations)> onSend,
              std::function<void(uint32_t host, uint32_t node)> onReceive)
{
    NS_LOG_FUNCTION(message);
    for (uint32_t h = 0; h < network.hosts.GetN(); ++h)
    {
        Ptr<Node> node = network.hosts.Get(h);
        uint32_t id = node->GetId();
        for (uint32_t a = 0; a < node->GetNApplications(); ++a)
        {
            if (auto server = DynamicCast<GroupServer>(node->GetApplication(a)))
            {
                Subscribe(server, "GroupSend",
                          Callback<void, uint32_t, const std::vector<uint32_t>&>(
                              [message, onSend](uint32_t sent, const std::vector<uint32_t>& to)
                              {
                                  if (sent == message)
                                  {
                                      onSend(to);
                                  }
                              }));
            }
            if (auto client = DynamicCast<GroupClient>(node->GetApplication(a)))
            {
                Subscribe(client, "Rx",
                          Callback<void, Ptr<const Packet>, const GroupHeader&, uint32_t, uint32_t>(
                              [message, onReceive, h,
                               id](Ptr<const Packet>, const GroupHeader& header, uint32_t, uint32_t)
                              {
                                  if (header.GetMessage() == message)
                                  {
                                      onReceive(h, id);
                                  }
                              }));
            }
        }
    }
}

} // namespace gcsim
} // namespace ns3
