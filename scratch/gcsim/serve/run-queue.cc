#include "run-queue.h"

namespace gcsim
{

RunQueue::RunQueue(uint32_t jobs, uint32_t capacity)
  : m_capacity(capacity)
{
    for (uint32_t i = 0; i < std::max(1U, jobs); ++i)
    {
        m_workers.emplace_back([this] { Work(); });
    }
}

RunQueue::~RunQueue()
{
    Stop();
}

std::optional<uint64_t>
RunQueue::Submit(std::function<void()> work)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_stopping || m_waiting.size() >= m_capacity)
    {
        return std::nullopt;
    }
    uint64_t ticket = m_next++;
    m_waiting.push_back({ticket, std::move(work)});
    m_ready.notify_one();
    return ticket;
}

uint32_t
RunQueue::Position(uint64_t ticket) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    for (std::size_t i = 0; i < m_waiting.size(); ++i)
    {
        if (m_waiting[i].ticket == ticket)
        {
            return static_cast<uint32_t>(i + 1);
        }
    }
    return 0;
}

uint32_t
RunQueue::Waiting() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return static_cast<uint32_t>(m_waiting.size());
}

void
RunQueue::Stop()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
        m_waiting.clear();
    }
    m_ready.notify_all();
    for (auto& worker : m_workers)
    {
        if (worker.joinable())
        {
            worker.join();
        }
    }
}

void
RunQueue::Work()
{
    while (true)
    {
        std::function<void()> work;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_ready.wait(lock, [this] { return m_stopping || !m_waiting.empty(); });
            if (m_stopping)
            {
                return;
            }
            work = std::move(m_waiting.front().work);
            m_waiting.pop_front();
        }
        work();
    }
}

} // namespace gcsim
