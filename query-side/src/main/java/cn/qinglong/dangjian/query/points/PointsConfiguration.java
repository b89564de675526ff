package cn.qinglong.dangjian.query.points;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(PointsTable.class)
class PointsConfiguration {
}
