internal import SwitchboardFraming

extension RPCClient {
  /// A unary call without interceptors.
  func performUnary<Request: WireMessage, Response: WireMessage>(
    _ method: MethodDescriptor, request: Request, options: CallOptions
  ) async throws -> Response {
    let call = UnaryClientCall<Request, Response>(
      pool: pool, method: method, metadata: try options.metadata.frameMetadata(),
      deadline: Self.deadline(options), request: request)
    return try await withTaskCancellationHandler {
      try await withUnsafeThrowingContinuation { continuation in
        // Handed over on the loop, where the cancellation below also runs: a cancellation
        // that gets there first finds the call finished instead of a caller not yet waiting.
        call.loop.executeOrRun { call.begin(continuation) }
      }
    } onCancel: {
      call.loop.execute { call.cancel(RPCError(code: .cancelled, message: "the caller cancelled the call")) }
    }
  }

  /// A streaming call of any shape without interceptors.
  func performStreaming<Request: WireMessage, Response: WireMessage, Result: Sendable>(
    _ method: MethodDescriptor, options: CallOptions, firstRequest: Request?,
    requestProducer: (@Sendable (RPCWriter<Request>) async throws -> Void)?,
    onResponse: (RPCMessageStream<Response>) async throws -> Result
  ) async throws -> Result {
    let call = StreamingClientCall<Request, Response>(
      pool: pool, method: method, metadata: try options.metadata.frameMetadata(),
      deadline: Self.deadline(options), firstRequest: firstRequest)
    pool.start(call)
    let cancelled = RPCError(code: .cancelled, message: "the caller cancelled the call")
    return try await withTaskCancellationHandler {
      guard let requestProducer else {
        do {
          let result = try await onResponse(call.responses())
          call.cancelFromAnyThread(cancelled)
          return result
        } catch {
          call.cancelFromAnyThread(cancelled)
          throw error
        }
      }
      return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
          do {
            try await requestProducer(call.writer())
            call.closeRequests()
          } catch {
            call.cancelFromAnyThread(RPCError(code: .cancelled, message: "the request producer failed: \(error)"))
            throw error
          }
        }
        do {
          let result = try await onResponse(call.responses())
          call.cancelFromAnyThread(cancelled)
          while (try? await group.next()) != nil {}
          return result
        } catch {
          call.cancelFromAnyThread(cancelled)
          // A failed producer explains the failure better than the cancelled stream.
          try await group.next()
          throw error
        }
      }
    } onCancel: {
      call.cancelFromAnyThread(cancelled)
    }
  }

  private static func deadline(_ options: CallOptions) -> Int64? {
    options.effectiveDeadline(now: .now).map(MonotonicClock.nanoseconds(at:))
  }
}
