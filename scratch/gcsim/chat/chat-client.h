#ifndef GCSIM_CHAT_CLIENT_H
#define GCSIM_CHAT_CLIENT_H

#include "chat-console.h"
#include "chat-options.h"
#include "chat-socket.h"

#include <iosfwd>
#include <optional>

namespace gcsim
{
namespace chat
{

/**
 * \brief A classroom client (`gcsim chat client N`): sends each message typed (or its
 * transcript's "client N:" lines) with its number appended as one character, and shows the
 * server's answer.
 *
 * The first server datagram after a send is the reply to it. With the multicast or broadcast
 * answer modes it also listens on the group port, and shows every datagram that arrives there
 * as "Message from Server :..." as well, answers to other clients included: a class sees one
 * answer reach everyone. One arriving while the prompt waits is shown on its own line, and the
 * prompt again after it.
 */
class ChatClient
{
public:
    /// Opens its sockets (and joins the group); InputError when one cannot be bound or joined.
    ChatClient(ClientSetup setup, std::ostream& out, std::ostream& err);

    /**
     * Sends and shows replies until the end of input or of its transcript lines (returns 0),
     * a stop signal (128 + the signal), or a reply that does not come within the timeout (1).
     */
    int Run();

private:
    void OpenSockets();
    void OpenGroupSocket();
    std::optional<std::string> NextMessage();
    std::optional<std::string> TypedMessage();
    std::optional<std::string> AwaitTypedLine();
    bool AwaitReply();
    std::vector<int> SocketFds() const;
    std::optional<Datagram> ReceiveOn(std::size_t socket);

    ClientSetup m_setup;
    Console m_console;
    std::ostream& m_err;
    UdpSocket m_socket;               //!< sends, and gets unicast answers
    std::optional<UdpSocket> m_group; //!< the group port (multicast and broadcast answers)
    std::size_t m_sent{0};            //!< scripted: messages sent
};

/// `gcsim chat client N`: the options checked (InputError), then the client run.
int ChatClientCommand(const ChatOptions& options, std::ostream& out, std::ostream& err);

} // namespace chat
} // namespace gcsim

#endif
