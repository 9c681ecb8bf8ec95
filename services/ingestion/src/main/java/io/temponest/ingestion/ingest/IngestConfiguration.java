package io.temponest.ingestion.ingest;

import io.temponest.ingestion.parse.DocumentParser;
import io.temponest.ingestion.parse.ParserLimits;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The document parser, with the platform's extraction limits. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

	@Bean
	DocumentParser documentParser() {
		return new DocumentParser(ParserLimits.defaults());
	}

}
