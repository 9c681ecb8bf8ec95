package io.temponest.security.autoconfigure;

import javax.sql.DataSource;

import io.temponest.security.tenant.CurrentTenant;
import io.temponest.security.tenant.TenantAwareTransactionManager;
import io.temponest.security.tenant.TenantQueries;
import io.temponest.security.tenant.TenantTransactions;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;

/**
 * Replaces Boot's JDBC transaction manager with one that sets {@code app.current_tenant}
 * at the start of every transaction, and offers {@link TenantTransactions} for work done
 * on behalf of an explicit tenant and {@link TenantQueries} for one-round-trip reads.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration")
@ConditionalOnClass({ JdbcTransactionManager.class, DataSource.class })
@ConditionalOnSingleCandidate(DataSource.class)
public final class TenantContextAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(TransactionManager.class)
	TenantAwareTransactionManager transactionManager(DataSource dataSource) {
		return new TenantAwareTransactionManager(dataSource, new CurrentTenant());
	}

	@Bean
	@ConditionalOnMissingBean
	TenantTransactions tenantTransactions(PlatformTransactionManager transactionManager) {
		return new TenantTransactions(transactionManager);
	}

	@Bean
	@ConditionalOnMissingBean
	TenantQueries tenantQueries(DataSource dataSource) {
		return new TenantQueries(new JdbcTemplate(dataSource), new CurrentTenant());
	}

}
