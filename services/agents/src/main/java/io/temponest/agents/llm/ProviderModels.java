package io.temponest.agents.llm;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import org.jspecify.annotations.Nullable;

/**
 * One langchain4j chat model and one streaming chat model per configured provider, built
 * once without a model name: langchain4j 1.11 takes the model, temperature and token
 * limit of each request from its {@link ChatRequestParameters} for all three providers,
 * so no model needs building per role or agent. langchain4j's own retries are off.
 */
final class ProviderModels {

	private final LlmProperties properties;

	private final Map<LlmProvider, ChatModel> chat = new EnumMap<>(LlmProvider.class);

	private final Map<LlmProvider, StreamingChatModel> streaming = new EnumMap<>(LlmProvider.class);

	ProviderModels(LlmProperties properties, HttpClientBuilder http) {
		this.properties = properties;
		String ollama = properties.ollama().baseUrl();
		this.chat.put(LlmProvider.OLLAMA,
				OllamaChatModel.builder().baseUrl(ollama).httpClientBuilder(http).maxRetries(0).build());
		this.streaming.put(LlmProvider.OLLAMA,
				OllamaStreamingChatModel.builder().baseUrl(ollama).httpClientBuilder(http).build());
		LlmProperties.OpenAi openai = properties.openai();
		if (!openai.apiKey().isBlank()) {
			this.chat.put(LlmProvider.OPENAI,
					OpenAiChatModel.builder()
						.baseUrl(openai.baseUrl())
						.apiKey(openai.apiKey())
						.httpClientBuilder(http)
						.maxRetries(0)
						.build());
			this.streaming.put(LlmProvider.OPENAI,
					OpenAiStreamingChatModel.builder()
						.baseUrl(openai.baseUrl())
						.apiKey(openai.apiKey())
						.httpClientBuilder(http)
						.build());
		}
		LlmProperties.Anthropic anthropic = properties.anthropic();
		if (!anthropic.apiKey().isBlank()) {
			this.chat.put(LlmProvider.ANTHROPIC,
					AnthropicChatModel.builder()
						.baseUrl(anthropic.baseUrl())
						.apiKey(anthropic.apiKey())
						.httpClientBuilder(http)
						.maxRetries(0)
						.build());
			this.streaming.put(LlmProvider.ANTHROPIC,
					AnthropicStreamingChatModel.builder()
						.baseUrl(anthropic.baseUrl())
						.apiKey(anthropic.apiKey())
						.httpClientBuilder(http)
						.build());
		}
	}

	/**
	 * The chat model of a provider.
	 * @param provider the provider
	 * @return the model, or {@code null} when the provider has no key
	 */
	@Nullable ChatModel chat(LlmProvider provider) {
		return this.chat.get(provider);
	}

	/**
	 * The streaming chat model of a provider.
	 * @param provider the provider
	 * @return the model, or {@code null} when the provider has no key
	 */
	@Nullable StreamingChatModel streaming(LlmProvider provider) {
		return this.streaming.get(provider);
	}

	/**
	 * The request of a call: the system message (when there is one), the user message,
	 * and the call's model and sampling settings in the provider's parameter type.
	 * @param model the provider and model
	 * @param prompt the messages and settings
	 * @return the request
	 */
	ChatRequest request(ModelChoice model, LlmPrompt prompt) {
		List<ChatMessage> messages = new ArrayList<>(2);
		if (!prompt.system().isBlank()) {
			messages.add(SystemMessage.from(prompt.system()));
		}
		messages.add(UserMessage.from(prompt.user()));
		return ChatRequest.builder().messages(messages).parameters(parameters(model, prompt)).build();
	}

	private ChatRequestParameters parameters(ModelChoice model, LlmPrompt prompt) {
		return switch (model.provider()) {
			case OLLAMA -> OllamaChatRequestParameters.builder()
				.modelName(model.model())
				.temperature(prompt.temperature())
				.maxOutputTokens(prompt.maxTokens())
				.topP(this.properties.topP())
				.seed(this.properties.seed())
				.build();
			case OPENAI -> OpenAiChatRequestParameters.builder()
				.modelName(model.model())
				.temperature(prompt.temperature())
				.maxOutputTokens(prompt.maxTokens())
				.topP(this.properties.topP())
				.seed(this.properties.seed())
				.build();
			case ANTHROPIC -> DefaultChatRequestParameters.builder()
				.modelName(model.model())
				.temperature(prompt.temperature())
				.maxOutputTokens(prompt.maxTokens())
				.build();
		};
	}

}
