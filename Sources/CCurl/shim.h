// Typed wrappers for libcurl's variadic entry points: Swift cannot call C variadic functions,
// so each argument type gets one static inline function. Every symbol is prefixed CCurl_.
#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H

#include <curl/curl.h>

// CURLVERSION_NOW is a macro Swift cannot import.
static inline curl_version_info_data *CCurl_version_info(void) {
    return curl_version_info(CURLVERSION_NOW);
}

static inline CURLcode CCurl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode CCurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode CCurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode CCurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode CCurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}
typedef size_t (*CCurl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
static inline CURLcode CCurl_easy_setopt_data_callback(CURL *handle, CURLoption option, CCurl_data_callback cb) {
    return curl_easy_setopt(handle, option, cb);
}
typedef int (*CCurl_xferinfo_callback)(void *clientp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                                       curl_off_t ulnow);
static inline CURLcode CCurl_easy_setopt_xferinfo_callback(CURL *handle, CCurl_xferinfo_callback cb) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, cb);
}

static inline CURLcode CCurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode CCurl_easy_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode CCurl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode CCurl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode CCurl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLMcode CCurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}
static inline CURLMcode CCurl_multi_setopt_pointer(CURLM *multi, CURLMoption option, void *value) {
    return curl_multi_setopt(multi, option, value);
}
typedef int (*CCurl_socket_callback)(CURL *easy, curl_socket_t s, int what, void *userp, void *socketp);
static inline CURLMcode CCurl_multi_setopt_socket_callback(CURLM *multi, CCurl_socket_callback cb) {
    return curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, cb);
}
typedef int (*CCurl_timer_callback)(CURLM *multi, long timeout_ms, void *userp);
static inline CURLMcode CCurl_multi_setopt_timer_callback(CURLM *multi, CCurl_timer_callback cb) {
    return curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, cb);
}

// CURL_GLOBAL_ALL is a macro Swift cannot import.
static inline CURLcode CCurl_global_init_all(void) { return curl_global_init(CURL_GLOBAL_ALL); }

// Called before each connection's socket is made: feedd refuses private and loopback addresses there,
// after DNS and before any packet is sent (CURLOPT_OPENSOCKETFUNCTION).
typedef curl_socket_t (*CCurl_opensocket_callback)(void *clientp, curlsocktype purpose, struct curl_sockaddr *address);
static inline CURLcode CCurl_easy_setopt_opensocket_callback(CURL *handle, CCurl_opensocket_callback cb) {
    return curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, cb);
}
static inline CURLcode CCurl_easy_setopt_opensocket_data(CURL *handle, void *data) {
    return curl_easy_setopt(handle, CURLOPT_OPENSOCKETDATA, data);
}
static inline const struct sockaddr *CCurl_sockaddr_address(const struct curl_sockaddr *address) {
    return &address->addr;
}
static inline curl_socket_t CCurl_socket_bad(void) { return CURL_SOCKET_BAD; }

// CURLMsg carries a union; these read the fields Swift needs.
static inline CURL *CCurl_msg_easy(CURLMsg *msg) { return msg->easy_handle; }
static inline int CCurl_msg_is_done(CURLMsg *msg) { return msg->msg == CURLMSG_DONE; }
static inline CURLcode CCurl_msg_result(CURLMsg *msg) { return msg->data.result; }

#endif
