#include "runtime/llm/fake_http_server.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace hpoc::llm::testing {

FakeHttpServer::FakeHttpServer(int port) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 16) != 0)
    throw std::runtime_error("FakeHttpServer: cannot listen on 127.0.0.1");
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  fallback_ = [](const ReceivedRequest&) {
    return CannedResponse{500, {}, R"({"error":{"message":"script exhausted"}})"};
  };
  thread_ = std::thread([this] { serve(); });
}

FakeHttpServer::~FakeHttpServer() {
  stopping_ = true;
  thread_.join();
  ::close(listen_fd_);
}

void FakeHttpServer::enqueue(CannedResponse response) {
  std::lock_guard<std::mutex> lock(mutex_);
  script_.push_back(std::move(response));
}

void FakeHttpServer::setFallback(std::function<CannedResponse(const ReceivedRequest&)> fallback) {
  std::lock_guard<std::mutex> lock(mutex_);
  fallback_ = std::move(fallback);
}

std::vector<ReceivedRequest> FakeHttpServer::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return received_;
}

size_t FakeHttpServer::requestCount() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return received_.size();
}

void FakeHttpServer::serve() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0)
      continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0)
      continue;
    handle(fd);
    ::close(fd);
  }
}

namespace {

bool readRequest(int fd, ReceivedRequest* req) {
  std::string data;
  char buf[4096];
  size_t header_end = std::string::npos;
  size_t content_length = 0;
  while (true) {
    if (header_end == std::string::npos) {
      header_end = data.find("\r\n\r\n");
      if (header_end != std::string::npos) {
        std::string head = data.substr(0, header_end);
        size_t line_end = head.find("\r\n");
        std::string request_line = head.substr(0, line_end);
        size_t sp1 = request_line.find(' ');
        size_t sp2 = request_line.find(' ', sp1 + 1);
        req->method = request_line.substr(0, sp1);
        req->path = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
        size_t pos = line_end;
        while (pos != std::string::npos && pos < head.size()) {
          size_t next = head.find("\r\n", pos + 2);
          std::string line =
              head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
          size_t colon = line.find(':');
          if (colon != std::string::npos) {
            std::string name = line.substr(0, colon);
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char c) { return std::tolower(c); });
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            req->headers[name] = value;
          }
          pos = next;
        }
        if (auto it = req->headers.find("content-length"); it != req->headers.end())
          content_length = std::stoul(it->second);
      }
    }
    if (header_end != std::string::npos && data.size() >= header_end + 4 + content_length) {
      req->body = data.substr(header_end + 4, content_length);
      return true;
    }
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0)
      return false;
    data.append(buf, static_cast<size_t>(n));
  }
}

const char* reason(int status) {
  switch (status) {
  case 200:
    return "OK";
  case 400:
    return "Bad Request";
  case 401:
    return "Unauthorized";
  case 404:
    return "Not Found";
  case 429:
    return "Too Many Requests";
  case 500:
    return "Internal Server Error";
  case 503:
    return "Service Unavailable";
  default:
    return "Status";
  }
}

} // namespace

void FakeHttpServer::handle(int fd) {
  ReceivedRequest req;
  if (!readRequest(fd, &req))
    return;
  CannedResponse res;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    received_.push_back(req);
    if (!script_.empty()) {
      res = std::move(script_.front());
      script_.pop_front();
    } else {
      res = fallback_(req);
    }
  }
  auto until = std::chrono::steady_clock::now() + res.delay;
  while (std::chrono::steady_clock::now() < until && !stopping_)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  if (res.hang_up)
    return;
  std::string out = "HTTP/1.1 " + std::to_string(res.status) + " " + reason(res.status) + "\r\n";
  for (const auto& [name, value] : res.headers)
    out += name + ": " + value + "\r\n";
  out += "Content-Type: application/json\r\nContent-Length: " + std::to_string(res.body.size()) +
         "\r\nConnection: close\r\n\r\n" + res.body;
  size_t sent = 0;
  while (sent < out.size()) {
    ssize_t n = ::send(fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
    if (n <= 0)
      return;
    sent += static_cast<size_t>(n);
  }
}

std::string chatCompletionBody(const std::string& content, const std::string& finish_reason,
                               int prompt_tokens, int completion_tokens) {
  nlohmann::json body = {{"id", "chatcmpl-test"},
                         {"object", "chat.completion"},
                         {"model", "test-model"},
                         {"choices",
                          {{{"index", 0},
                            {"message", {{"role", "assistant"}, {"content", content}}},
                            {"finish_reason", finish_reason}}}},
                         {"usage",
                          {{"prompt_tokens", prompt_tokens},
                           {"completion_tokens", completion_tokens},
                           {"total_tokens", prompt_tokens + completion_tokens}}}};
  return body.dump();
}

} // namespace hpoc::llm::testing
