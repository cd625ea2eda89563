/*
 * exile.hpp — C++ helpers for exile.h (C++11 or later).
 *
 * Copyright (c) 2026 the exile.h authors. ISC licence: see exile.h.
 *
 *   exile::policy            owns a struct exile_policy (RAII; move-only)
 *   exile::error             what the helpers throw: the negative errno and
 *                            exile_last_error()'s message
 *   exile_launch<T>(policy, fn, args...)
 *                            runs fn(args...) in a sandboxed child (the
 *                            policy applied first) and returns its value;
 *                            throws exile::error when the child could not
 *                            apply the policy, was killed (by the sandbox:
 *                            the message names the denied syscall), or fn
 *                            threw (the message carries what())
 *
 * The value comes back through a shared anonymous mapping, not a pipe, so
 * the child needs no syscall to return it (any vows do) and fn may print to
 * the caller's stdout, which the child keeps. Three forms, as upstream's
 * exile.hpp:
 *   T trivially copyable (int, a POD struct; not a pointer): copied back.
 *   std::string (any std::basic_string): exile_launch<std::string>(...).
 *   any other copyable T: pass a serializer and a deserializer,
 *     exile_launch<T>(policy, serialize, deserialize, fn, args...), with
 *     size_t serialize(const T &, char *buf, size_t n) returning the bytes it
 *     wrote (more than n: the result is refused), and
 *     T deserialize(const char *buf, size_t n).
 * EXILE_MMAP_SIZE (default 128 MiB of address space, touched only as far
 * as written) bounds a serialized or string result.
 *
 * Include exile.hpp where you would include exile.h; the unit that defines
 * EXILE_IMPLEMENTATION may include either. The child is forked by
 * exile_launch() (see exile.h: supervised, killed with the caller's thread,
 * nothing left running): arguments are taken by reference from the
 * caller's copy of memory, and only the value travels back.
 */
#ifndef EXILE_HPP
#define EXILE_HPP

#include "exile.h"

#include <cstddef>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
/* what upstream's exile.hpp included, which its users rely on */
#include <functional>
#include <iostream>
#include <memory>
#include <tuple>
#include <sys/wait.h>

#ifndef EXILE_MMAP_SIZE
#define EXILE_MMAP_SIZE (128 * 1024 * 1024)
#endif

namespace exile
{

/* What the helpers throw: code() is a negative errno. */
class error : public std::runtime_error
{
  public:
	error(int code, const std::string &what) : std::runtime_error(what), code_(code)
	{
	}
	int code() const noexcept
	{
		return code_;
	}

  private:
	int code_;
};

/* Owns a policy: exile_init_policy() (safe defaults), or adopts one; frees
 * it on destruction. Converts to struct exile_policy * for the C API. */
class policy
{
  public:
	policy() : p_(exile_init_policy())
	{
		if(p_ == nullptr)
		{
			throw error(-ENOMEM, exile_last_error());
		}
	}
	/* Takes ownership of p (from exile_create_policy(), say); NULL throws. */
	explicit policy(struct exile_policy *p) : p_(p)
	{
		if(p_ == nullptr)
		{
			throw error(-EINVAL, "exile::policy: a NULL policy");
		}
	}
	/* A policy without any defaults (exile_create_policy()). */
	static policy empty()
	{
		return policy(exile_create_policy());
	}
	policy(const policy &) = delete;
	policy &operator=(const policy &) = delete;
	policy(policy &&o) noexcept : p_(o.p_)
	{
		o.p_ = nullptr;
	}
	policy &operator=(policy &&o) noexcept
	{
		if(this != &o)
		{
			exile_free_policy(p_);
			p_ = o.p_;
			o.p_ = nullptr;
		}
		return *this;
	}
	~policy()
	{
		exile_free_policy(p_);
	}

	struct exile_policy *get() const noexcept
	{
		return p_;
	}
	struct exile_policy *operator->() const noexcept
	{
		return p_;
	}
	operator struct exile_policy *() const noexcept
	{
		return p_;
	}
	/* Gives up ownership: the caller frees it. */
	struct exile_policy *release() noexcept
	{
		struct exile_policy *p = p_;
		p_ = nullptr;
		return p;
	}

	/* Adds vows ("stdio rpath"); an unknown word throws. */
	policy &vows(const char *names)
	{
		uint64_t v = exile_vows_from_str(names);
		if(v & EXILE_SYSCALL_VOW_INVALID)
		{
			throw error(-EINVAL, exile_last_error());
		}
		check(exile_append_vow_promises(p_, v));
		return *this;
	}
	/* exile_enable_policy(); throws on failure (-ENOTRECOVERABLE: the
	 * process is partly restricted and should exit). */
	void enable()
	{
		check(exile_enable_policy(p_));
	}

  private:
	static void check(int err)
	{
		if(err != 0)
		{
			throw error(err, exile_last_error());
		}
	}
	struct exile_policy *p_;
};

namespace detail
{

/* The shared mapping: state, then the value's bytes. */
enum
{
	result_none = 0,  /* fn never returned */
	result_value = 1,
	result_threw = 2, /* bytes: what() */
	result_too_large = 3
};
struct result_header
{
	int state;
	std::size_t size;
};

class shared_map
{
  public:
	/* room for the value, and for an exception's message */
	explicit shared_map(std::size_t payload) : size_(sizeof(result_header) + (payload < 1024 ? 1024 : payload))
	{
		void *m = mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if(m == MAP_FAILED)
		{
			int e = errno;
			throw error(-e, std::string("exile_launch: mmap of the result area: ") + std::strerror(e));
		}
		base_ = static_cast<char *>(m);
		header()->state = result_none;
		header()->size = 0;
	}
	shared_map(const shared_map &) = delete;
	shared_map &operator=(const shared_map &) = delete;
	~shared_map()
	{
		munmap(base_, size_);
	}
	result_header *header() const noexcept
	{
		return reinterpret_cast<result_header *>(base_);
	}
	char *payload() const noexcept
	{
		return base_ + sizeof(result_header);
	}
	std::size_t capacity() const noexcept
	{
		return size_ - sizeof(result_header);
	}

  private:
	std::size_t size_;
	char *base_;
};

/* Stores the result of running a callable; Store(value, payload, capacity)
 * returns the size written, or more than capacity when it does not fit. */
template <class Call, class Store> struct child
{
	Call *call;
	Store *store;
	shared_map *out;

	static int run(void *arg)
	{
		child *c = static_cast<child *>(arg);
		result_header *h = c->out->header();
		try
		{
			std::size_t n = (*c->store)((*c->call)(), c->out->payload(), c->out->capacity());
			if(n > c->out->capacity())
			{
				h->state = result_too_large;
				return 0;
			}
			h->size = n;
			h->state = result_value;
		}
		catch(const std::exception &e)
		{
			std::size_t n = std::strlen(e.what());
			n = n < c->out->capacity() ? n : c->out->capacity();
			std::memcpy(c->out->payload(), e.what(), n);
			h->size = n;
			h->state = result_threw;
		}
		catch(...)
		{
			h->size = 0;
			h->state = result_threw;
		}
		return 0;
	}
};

/* Runs call() in a child under policy and leaves its stored result in out;
 * throws unless the child returned a value. */
template <class Call, class Store> void run(struct exile_policy *pol, Call &call, Store &store, shared_map &out)
{
	child<Call, Store> c = { &call, &store, &out };
	struct exile_launch_params params;
	struct exile_launch_result res;
	struct exile_launch_status st;
	std::memset(&params, 0, sizeof(params));
	std::memset(&res, 0, sizeof(res));
	std::memset(&st, 0, sizeof(st));
	params.policy = pol;
	params.func = &child<Call, Store>::run;
	params.funcarg = &c;
	params.inherit_stdio = 1;
	int err = exile_launch(&params, &res);
	if(err == 0)
	{
		err = exile_launch_wait(&res, &st);
	}
	if(err != 0)
	{
		throw error(err, std::string("exile_launch: ") + exile_last_error());
	}
	result_header *h = out.header();
	if(h->state == result_threw)
	{
		throw error(-ECANCELED, "exile_launch: the sandboxed function threw"
				+ (h->size ? ": " + std::string(out.payload(), h->size) : std::string()));
	}
	if(h->state == result_too_large)
	{
		throw error(-EFBIG, "exile_launch: the result does not fit in EXILE_MMAP_SIZE bytes");
	}
	if(h->state != result_value || h->size > out.capacity())
	{
		throw error(-EPROTO, "exile_launch: the sandboxed child exited without a result");
	}
}

template <class T> struct store_trivial
{
	std::size_t operator()(const T &v, char *buf, std::size_t n) const
	{
		if(sizeof(T) <= n)
		{
			std::memcpy(buf, &v, sizeof(T));
		}
		return sizeof(T);
	}
};

template <class S, class T> struct store_with
{
	S &ser;
	std::size_t operator()(const T &v, char *buf, std::size_t n) const
	{
		return ser(v, buf, n);
	}
};

template <class Str> struct store_string
{
	std::size_t operator()(const Str &s, char *buf, std::size_t n) const
	{
		std::size_t bytes = s.size() * sizeof(typename Str::value_type);
		if(bytes <= n)
		{
			std::memcpy(buf, s.data(), bytes);
		}
		return bytes;
	}
};

template <class T> struct is_basic_string : std::false_type
{
};
template <class C, class Tr, class A> struct is_basic_string<std::basic_string<C, Tr, A>> : std::true_type
{
};

} /* namespace detail */
} /* namespace exile */

/* Upstream's helpers for std::basic_string results, kept for its users. */
template <class T> std::basic_string<typename T::value_type> deserialize_stdstring(const char *buf, size_t n)
{
	return std::basic_string<typename T::value_type>(reinterpret_cast<const typename T::value_type *>(buf),
			n / sizeof(typename T::value_type));
}
template <class T> size_t serialize_stdstring(const std::basic_string<typename T::value_type> &t, char *buf, size_t n)
{
	size_t bytes = t.size() * sizeof(typename T::value_type);
	if(n < bytes)
	{
		return 0;
	}
	std::memcpy(buf, t.data(), bytes);
	return bytes;
}

/* T trivially copyable and not a pointer: fn(args...)'s value, copied back. */
template <typename T, typename U, typename... Args>
typename std::enable_if<std::is_trivially_copyable<T>::value && !std::is_pointer<T>::value, T>::type exile_launch(
		struct exile_policy *policy, U fn, Args &&...args)
{
	exile::detail::shared_map out(sizeof(T));
	auto call = [&]() -> T { return fn(std::forward<Args>(args)...); };
	exile::detail::store_trivial<T> store;
	exile::detail::run(policy, call, store, out);
	if(out.header()->size != sizeof(T))
	{
		throw exile::error(-EPROTO, "exile_launch: the result has the wrong size");
	}
	T v;
	std::memcpy(static_cast<void *>(&v), out.payload(), sizeof(T));
	return v;
}

/* A copyable T that is not trivially copyable, or a pointer (whose pointee
 * the serializer writes): the serializer and deserializer carry it across. */
template <typename T, typename S, typename D, typename U, typename... Args>
typename std::enable_if<std::is_copy_constructible<T>::value
				&& (!std::is_trivially_copyable<T>::value || std::is_pointer<T>::value),
		T>::type
exile_launch(
		struct exile_policy *policy, S serializer, D deserializer, U fn, Args &&...args)
{
	exile::detail::shared_map out(EXILE_MMAP_SIZE);
	auto call = [&]() -> T { return fn(std::forward<Args>(args)...); };
	exile::detail::store_with<S, T> store = { serializer };
	exile::detail::run(policy, call, store, out);
	return deserializer(static_cast<const char *>(out.payload()), out.header()->size);
}

/* std::string (any std::basic_string): the characters come back. */
template <typename T, typename U, typename... Args>
typename std::enable_if<exile::detail::is_basic_string<T>::value, T>::type exile_launch(
		struct exile_policy *policy, U fn, Args &&...args)
{
	exile::detail::shared_map out(EXILE_MMAP_SIZE);
	auto call = [&]() -> T { return fn(std::forward<Args>(args)...); };
	exile::detail::store_string<T> store;
	exile::detail::run(policy, call, store, out);
	return T(reinterpret_cast<const typename T::value_type *>(out.payload()),
			out.header()->size / sizeof(typename T::value_type));
}

#endif /* EXILE_HPP */
